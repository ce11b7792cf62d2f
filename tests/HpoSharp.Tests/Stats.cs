namespace HpoSharp.Tests;

/// <summary>Statistics the tests use to judge samplers.</summary>
public static class Stats
{
    /// <summary>The Kolmogorov–Smirnov statistic of <paramref name="sample"/> against the continuous <paramref name="cdf"/>.</summary>
    public static double KolmogorovSmirnov(IEnumerable<double> sample, Func<double, double> cdf)
    {
        var sorted = sample.Order().ToArray();
        var d = 0.0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / sorted.Length) - f, f - ((double)i / sorted.Length)));
        }

        return d;
    }

    /// <summary>The KS critical value at the 1% level for <paramref name="n"/> points (asymptotic).</summary>
    public static double KsCritical01(int n) => 1.628 / Math.Sqrt(n);

    /// <summary>Pearson's chi-square statistic of <paramref name="counts"/> against equal expected counts.</summary>
    public static double ChiSquareUniform(IReadOnlyList<int> counts)
    {
        var expected = counts.Sum() / (double)counts.Count;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }

    /// <summary>The L2-star discrepancy of points in the unit cube (Warnock's formula).</summary>
    public static double L2StarDiscrepancy(IReadOnlyList<double[]> points)
    {
        var n = points.Count;
        var d = points[0].Length;
        var sum1 = points.Sum(p => p.Aggregate(1.0, (acc, x) => acc * (1 - (x * x)) / 2));
        var sum2 = 0.0;
        foreach (var p in points)
        {
            foreach (var q in points)
            {
                var product = 1.0;
                for (var k = 0; k < d; k++)
                {
                    product *= 1 - Math.Max(p[k], q[k]);
                }

                sum2 += product;
            }
        }

        return Math.Sqrt(Math.Pow(3, -d) - (2 * sum1 / n) + (sum2 / (n * (double)n)));
    }
}
