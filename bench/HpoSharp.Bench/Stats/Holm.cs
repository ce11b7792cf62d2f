namespace HpoSharp.Bench.Stats;

/// <summary>The Holm–Bonferroni step-down correction for a family of tests.</summary>
public static class Holm
{
    /// <summary>The adjusted p-values, in the order given: the k-th smallest p times (m - k + 1), made monotone, capped at 1.</summary>
    public static double[] Adjust(IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var m = p.Count;
        var adjusted = new double[m];
        var running = 0.0;
        foreach (var (index, k) in Enumerable.Range(0, m).OrderBy(i => p[i]).Select((index, k) => (index, k)))
        {
            running = Math.Max(running, Math.Min(1, (m - k) * p[index]));
            adjusted[index] = running;
        }

        return adjusted;
    }
}
