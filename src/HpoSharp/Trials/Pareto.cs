namespace HpoSharp.Trials;

/// <summary>Pareto dominance over objective vectors and over the complete trials of a history, on the higher-is-better scale.</summary>
public static class Pareto
{
    /// <summary>
    /// The complete trials that no other complete trial dominates, in increasing trial number (a stable order: a trial
    /// keeps its place as others join or leave the front). Trials with equal values are all kept.
    /// </summary>
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
        return [.. FirstFront(perfs).Select(i => complete[i])];
    }

    /// <summary>
    /// The indices, in increasing order, of the points that no other point dominates (higher is better). Points are
    /// visited in decreasing lexicographic order, where only earlier points can dominate a later one, and each is checked
    /// against the front so far: O(N log N + N F M) for N points, F of them on the front, M objectives.
    /// </summary>
    /// <param name="points">The objective vectors, all of the same length and finite.</param>
    public static int[] FirstFront(IReadOnlyList<double[]> points)
    {
        CheckPoints(points);
        var front = new List<int>();
        foreach (var i in LexicographicOrder(points))
        {
            if (!IsDominatedBy(front, points, points[i]))
            {
                front.Add(i);
            }
        }

        front.Sort();
        return [.. front];
    }

    /// <summary>
    /// Whether <paramref name="a"/> dominates <paramref name="b"/> (higher is better): no worse anywhere and better somewhere.
    /// Throws an <see cref="ArgumentException"/> when the two have different lengths.
    /// </summary>
    public static bool Dominates(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"The vectors have {a.Length} and {b.Length} objective values; dominance compares vectors of one length.", nameof(b));
        }

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

    /// <summary>The indices of <paramref name="points"/> in decreasing lexicographic order, ties by index.</summary>
    internal static int[] LexicographicOrder(IReadOnlyList<double[]> points)
    {
        var order = Enumerable.Range(0, points.Count).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var c = ((ReadOnlySpan<double>)points[b]).SequenceCompareTo(points[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>
    /// The group of each of <paramref name="points"/> among the points with equal values, groups numbered in decreasing
    /// lexicographic order; <paramref name="distinct"/> receives the first point of each group.
    /// </summary>
    internal static int[] EqualGroups(IReadOnlyList<double[]> points, out List<double[]> distinct)
    {
        var group = new int[points.Count];
        distinct = new List<double[]>(points.Count);
        foreach (var i in LexicographicOrder(points))
        {
            if (distinct.Count == 0 || !distinct[^1].AsSpan().SequenceEqual(points[i]))
            {
                distinct.Add(points[i]);
            }

            group[i] = distinct.Count - 1;
        }

        return group;
    }

    /// <summary>
    /// Whether a member of <paramref name="front"/> dominates <paramref name="point"/>, when the members are mutually
    /// non-dominated and all precede the point in decreasing lexicographic order. With two objectives the members' second
    /// values increase along such a front, so its last member decides.
    /// </summary>
    internal static bool IsDominatedBy(List<int> front, IReadOnlyList<double[]> points, double[] point)
    {
        if (point.Length == 2)
        {
            return front.Count > 0 && Dominates(points[front[^1]], point);
        }

        for (var j = front.Count - 1; j >= 0; j--)
        {
            if (Dominates(points[front[j]], point))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Throws unless the points are non-null, of one length (at least 1) and finite; returns their number.</summary>
    internal static int CheckPoints(IReadOnlyList<double[]> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i] ?? throw new ArgumentException($"Point {i} is null.", nameof(points));
            if (p.Length == 0 || p.Length != points[0].Length)
            {
                throw new ArgumentException($"Point {i} has {p.Length} objective values; expected {points[0].Length} (at least 1), as the first point.", nameof(points));
            }

            foreach (var v in p)
            {
                if (!double.IsFinite(v))
                {
                    throw new ArgumentException(FormattableString.Invariant($"Point {i} has the objective value {v}; every value must be finite."), nameof(points));
                }
            }
        }

        return points.Count;
    }
}
