using HpoSharp.Trials;

namespace HpoSharp.Optimizers.MultiObjective;

/// <summary>
/// Non-dominated sorting of objective vectors on the higher-is-better scale of <see cref="Pareto.Dominates"/>: rank 0 is
/// the set no point dominates (<see cref="Pareto.FirstFront"/>), rank 1 the set dominated only by rank 0, and so on. It is
/// the efficient non-dominated sort with binary search (Zhang, Tian, Cheng and Jin, 2015): points are visited in
/// decreasing lexicographic order, so only earlier points can dominate a later one, and each joins the first front none
/// of whose members dominates it, found by binary search. With two objectives a front is tested through its last member,
/// so the sort takes O(N log N); with more, O(M N²) at worst and far less on typical sets. Equal points share a rank.
/// </summary>
public static class NonDominatedSorting
{
    /// <summary>The rank of each point (0 for the non-dominated ones).</summary>
    /// <param name="points">The objective vectors, all of the same length and finite; higher is better.</param>
    public static int[] Ranks(IReadOnlyList<double[]> points)
    {
        var ranks = new int[Pareto.CheckPoints(points)];
        var fronts = Sort(points);
        for (var f = 0; f < fronts.Count; f++)
        {
            foreach (var i in fronts[f])
            {
                ranks[i] = f;
            }
        }

        return ranks;
    }

    /// <summary>The fronts, best first; each lists the indices of its points in increasing order.</summary>
    /// <param name="points">The objective vectors, all of the same length and finite; higher is better.</param>
    public static int[][] Fronts(IReadOnlyList<double[]> points)
    {
        Pareto.CheckPoints(points);
        return [.. Sort(points).Select(front => front.Order().ToArray())];
    }

    private static List<List<int>> Sort(IReadOnlyList<double[]> points)
    {
        var fronts = new List<List<int>>();
        foreach (var i in Pareto.LexicographicOrder(points))
        {
            // The fronts that dominate the point form a prefix: a member of front k + 1 dominating it is itself dominated by front k.
            int low = 0, high = fronts.Count;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (Pareto.IsDominatedBy(fronts[mid], points, points[i]))
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            if (low == fronts.Count)
            {
                fronts.Add([]);
            }

            fronts[low].Add(i);
        }

        return fronts;
    }
}
