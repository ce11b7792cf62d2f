using HpoSharp.Optimizers;

namespace HpoSharp.Bench.Problems.Bbob;

/// <summary>
/// The transformations of the BBOB noiseless suite (Hansen, Finck, Ros and Auger, "Real-parameter black-box
/// optimization benchmarking 2009: noiseless functions definitions"): the oscillation T_osz, the asymmetry T_asy^β,
/// the conditioning Λ^α, the boundary penalty f_pen, and random rotations by Gram–Schmidt of a Gaussian matrix.
/// </summary>
public static class BbobTransforms
{
    /// <summary>T_osz of one coordinate: a smooth, symmetric-breaking oscillation that keeps 0 fixed.</summary>
    public static double Oscillate(double x)
    {
        if (x == 0)
        {
            return 0;
        }

        var xh = Math.Log(Math.Abs(x));
        var (c1, c2) = x > 0 ? (10.0, 7.9) : (5.5, 3.1);
        return Math.Sign(x) * Math.Exp(xh + (0.049 * (Math.Sin(c1 * xh) + Math.Sin(c2 * xh))));
    }

    /// <summary>T_osz applied to every coordinate.</summary>
    public static double[] Oscillate(double[] x) => [.. x.Select(Oscillate)];

    /// <summary>T_asy^β: positive coordinates raised to 1 + β (i - 1)/(D - 1) sqrt(x_i).</summary>
    public static double[] Asymmetric(double[] x, double beta)
    {
        var d = x.Length;
        var y = new double[d];
        for (var i = 0; i < d; i++)
        {
            y[i] = x[i] > 0 ? Math.Pow(x[i], 1 + (beta * Fraction(i, d) * Math.Sqrt(x[i]))) : x[i];
        }

        return y;
    }

    /// <summary>Λ^α: coordinate i scaled by α^(0.5 (i - 1)/(D - 1)).</summary>
    public static double[] Condition(double[] x, double alpha)
    {
        var d = x.Length;
        return [.. x.Select((v, i) => v * Math.Pow(alpha, 0.5 * Fraction(i, d)))];
    }

    /// <summary>f_pen: the squared excess of every coordinate beyond ±5.</summary>
    public static double Penalty(double[] x) => x.Sum(v => Math.Pow(Math.Max(0, Math.Abs(v) - 5), 2));

    /// <summary>The product of a matrix and a vector.</summary>
    public static double[] Multiply(double[,] m, double[] x)
    {
        var y = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                y[i] += m[i, j] * x[j];
            }
        }

        return y;
    }

    /// <summary>A random orthogonal matrix: the Gram–Schmidt orthonormalisation of a standard Gaussian matrix's columns.</summary>
    public static double[,] Rotation(int d, RandomStream rng)
    {
        var m = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                m[i, j] = rng.NextGaussian();
            }
        }

        for (var j = 0; j < d; j++)
        {
            for (var k = 0; k < j; k++)
            {
                var dot = 0.0;
                for (var i = 0; i < d; i++)
                {
                    dot += m[i, j] * m[i, k];
                }

                for (var i = 0; i < d; i++)
                {
                    m[i, j] -= dot * m[i, k];
                }
            }

            var norm = Math.Sqrt(Enumerable.Range(0, d).Sum(i => m[i, j] * m[i, j]));
            for (var i = 0; i < d; i++)
            {
                m[i, j] /= norm;
            }
        }

        return m;
    }

    /// <summary>(i - 1)/(D - 1) for the zero-based index <paramref name="i"/>; 0 in one dimension.</summary>
    public static double Fraction(int i, int d) => d == 1 ? 0 : (double)i / (d - 1);
}
