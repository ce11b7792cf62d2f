using HpoSharp.Optimizers;

namespace HpoSharp.Bench.Problems.Bbob;

/// <summary>
/// The random parts of one BBOB instance: the optimum x_opt (uniform in [-4, 4]^D, rounded to 4 decimals, redrawn
/// while every coordinate lies within 1 of the centre so that no instance sits at the centre), the optimal value f_opt
/// (a standard Cauchy draw rounded to 2 decimals and clipped to ±1000; COCO's is 100 times wider, which no regret
/// sees), and two rotations R and Q.
/// </summary>
public sealed class BbobInstance
{
    /// <summary>Draws the instance of dimension <paramref name="d"/> from <paramref name="rng"/>.</summary>
    /// <param name="d">The dimension.</param>
    /// <param name="rng">The instance's random stream.</param>
    /// <param name="optimumScale">A factor on x_opt (0.75 for Rosenbrock, whose optimum lies in [-3, 3]^D).</param>
    public BbobInstance(int d, RandomStream rng, double optimumScale = 1)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double[] x;
        do
        {
            x = [.. Enumerable.Range(0, d).Select(_ => Math.Round(rng.NextDouble(-4, 4), 4))];
        }
        while (x.All(v => Math.Abs(v) < 1));

        XOpt = [.. x.Select(v => v * optimumScale)];
        var cauchy = rng.NextGaussian() / rng.NextGaussian();
        FOpt = Math.Clamp(Math.Round(100 * cauchy) / 100, -1000, 1000);
        R = BbobTransforms.Rotation(d, rng);
        Q = BbobTransforms.Rotation(d, rng);
    }

    /// <summary>Builds an instance from given parts (for tests at known points).</summary>
    public BbobInstance(double[] xOpt, double fOpt, double[,] r, double[,] q)
    {
        XOpt = xOpt;
        FOpt = fOpt;
        R = r;
        Q = q;
    }

    /// <summary>The optimum.</summary>
    public double[] XOpt { get; }

    /// <summary>The optimal value.</summary>
    public double FOpt { get; }

    /// <summary>The first rotation.</summary>
    public double[,] R { get; }

    /// <summary>The second rotation.</summary>
    public double[,] Q { get; }

    /// <summary>The dimension.</summary>
    public int Dimension => XOpt.Length;

    /// <summary>x - x_opt.</summary>
    public double[] Shift(double[] x) => [.. x.Select((v, i) => v - XOpt[i])];
}
