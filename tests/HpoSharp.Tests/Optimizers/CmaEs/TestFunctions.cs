using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>Test functions of the evolution strategies: boxes of real parameters x0..x(n-1), rotations and classic landscapes.</summary>
public static class TestFunctions
{
    /// <summary>n real parameters x0..x(n-1) in [low, high].</summary>
    public static SearchSpace Box(int n, double low, double high) => [.. Enumerable.Range(0, n).Select(i => (HPSpace)new RangeHP($"x{i}", low, high))];

    /// <summary>The values of x0..x(n-1).</summary>
    public static double[] Point(HyperParameters hps, int n) => [.. Enumerable.Range(0, n).Select(i => hps.GetDouble($"x{i}"))];

    /// <summary>A random rotation (Gram–Schmidt of a Gaussian matrix), rows orthonormal.</summary>
    public static double[][] Rotation(int n, ulong seed)
    {
        var rng = new RandomStream(seed);
        var rows = new double[n][];
        for (var i = 0; i < n; i++)
        {
            rows[i] = [.. Enumerable.Range(0, n).Select(_ => rng.NextGaussian())];
            for (var k = 0; k < i; k++)
            {
                var dot = rows[i].Zip(rows[k], (a, b) => a * b).Sum();
                rows[i] = [.. rows[i].Zip(rows[k], (a, b) => a - (dot * b))];
            }

            var norm = Math.Sqrt(rows[i].Sum(v => v * v));
            rows[i] = [.. rows[i].Select(v => v / norm)];
        }

        return rows;
    }

    /// <summary>R (x - optimum).</summary>
    public static double[] Rotate(double[][] rotation, double[] x, double[] optimum) =>
        [.. rotation.Select(row => row.Select((r, j) => r * (x[j] - optimum[j])).Sum())];

    /// <summary>Σ z².</summary>
    public static double Sphere(double[] z) => z.Sum(v => v * v);

    /// <summary>Σ 10^(6 i/(n-1)) z_i²: condition number 1e6.</summary>
    public static double Ellipsoid(double[] z) => z.Select((v, i) => Math.Pow(1e6, i / (z.Length - 1.0)) * v * v).Sum();

    /// <summary>10 n + Σ (z² - 10 cos 2πz): a regular grid of local minima, the global one at 0.</summary>
    public static double Rastrigin(double[] z) => (10 * z.Length) + z.Sum(v => (v * v) - (10 * Math.Cos(2 * Math.PI * v)));

    /// <summary>ZDT1 (Zitzler, Deb and Thiele, 2000) in <paramref name="n"/> dimensions: the front is f2 = 1 − √f1 where x2.. = 0.</summary>
    public static double[] Zdt1(HyperParameters hps, int n)
    {
        var x = Point(hps, n);
        var g = 1 + (9 * x.Skip(1).Sum() / (n - 1));
        return [x[0], g * (1 - Math.Sqrt(x[0] / g))];
    }
}
