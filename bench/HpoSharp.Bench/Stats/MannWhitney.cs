using MathNet.Numerics;

namespace HpoSharp.Bench.Stats;

/// <summary>The outcome of a Mann–Whitney U test.</summary>
/// <param name="U">The U statistic of the first sample (the number of pairs where it is larger, ties counting one half).</param>
/// <param name="P">The two-sided p-value.</param>
/// <param name="FirstTendsSmaller">Whether the first sample tends to take smaller values (U below its mean under the null).</param>
public sealed record MannWhitneyResult(double U, double P, bool FirstTendsSmaller);

/// <summary>
/// The two-sided Mann–Whitney U test by the normal approximation with tie correction and continuity correction (the
/// asymptotic method of scipy.stats.mannwhitneyu with its default use_continuity=True; scipy's default method picks it
/// when both samples have more than 8 values or when there are ties).
/// </summary>
public static class MannWhitney
{
    /// <summary>Tests whether <paramref name="x"/> and <paramref name="y"/> come from the same distribution.</summary>
    public static MannWhitneyResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0 || y.Count == 0)
        {
            throw new ArgumentException($"Both samples need values (got {x.Count} and {y.Count}).", nameof(x));
        }

        var (n1, n2) = ((double)x.Count, (double)y.Count);
        var n = n1 + n2;
        var ranks = Ranks([.. x, .. y], out var tieTerm);
        var u1 = ranks.Take(x.Count).Sum() - (n1 * (n1 + 1) / 2);
        var mean = n1 * n2 / 2;
        var sd = Math.Sqrt(n1 * n2 / 12 * (n + 1 - (tieTerm / (n * (n - 1)))));
        var u = Math.Max(u1, (n1 * n2) - u1);
        var p = sd == 0 ? 1 : Math.Min(1, SpecialFunctions.Erfc((u - mean - 0.5) / sd / Math.Sqrt(2)));
        return new MannWhitneyResult(u1, p, u1 < mean);
    }

    /// <summary>Mid-ranks from 1, and Σ (t³ - t) over groups of t tied values.</summary>
    private static double[] Ranks(double[] values, out double tieTerm)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        tieTerm = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            var t = end - start + 1.0;
            tieTerm += (t * t * t) - t;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = (start + end + 2) / 2.0;
            }

            start = end + 1;
        }

        return ranks;
    }
}
