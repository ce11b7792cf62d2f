namespace HpoSharp.Trials;

/// <summary>Pareto dominance over the complete trials of a history, on its higher-is-better scale.</summary>
public static class Pareto
{
    /// <summary>The complete trials that no other complete trial dominates, in number order.</summary>
    public static IReadOnlyList<Trial> Front(TrialHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var complete = history.Completed.ToArray();
        if (!history.IsMultiObjective)
        {
            var best = complete.Length == 0 ? double.NaN : complete.Max(t => history.Perf(t));
            return [.. complete.Where(t => history.Perf(t) == best)];
        }

        var perfs = complete.Select(t => Enumerable.Range(0, history.Directions.Count).Select(i => history.Perf(t, i)).ToArray()).ToArray();
        return [.. complete.Where((_, i) => !perfs.Where((_, j) => j != i).Any(other => Dominates(other, perfs[i])))];
    }

    /// <summary>Whether <paramref name="a"/> dominates <paramref name="b"/> (higher is better): no worse anywhere and better somewhere.</summary>
    public static bool Dominates(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var better = false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] < b[i])
            {
                return false;
            }

            better |= a[i] > b[i];
        }

        return better;
    }
}
