using HpoSharp.Optimizers.MultiObjective;

namespace HpoSharp.Optimizers;

/// <summary>
/// The environmental selection of the steady-state MO-CMA-ES: of μ + 1 candidates, the one to drop is on the worst
/// non-domination level; within that level, the points best in some objective are kept, and of the others the one with the
/// smallest exclusive hypervolume contribution goes (reference point: the level's worst value in each objective, moved
/// out by a tenth of the level's range). Ties go against the oldest candidate. With one objective this drops the worst
/// value, the oldest among equals, as an elitist (1+1)-ES that accepts equal offspring.
/// </summary>
internal static class SteadyStateSelection
{
    /// <summary>The non-domination rank of each candidate and the index of the one to drop.</summary>
    /// <param name="objectives">The candidates' objective vectors, higher is better.</param>
    /// <param name="age">The candidates' ages as trial numbers (smaller is older).</param>
    public static (int[] Ranks, int Drop) Select(IReadOnlyList<double[]> objectives, IReadOnlyList<int> age)
    {
        var ranks = NonDominatedSorting.Ranks(objectives);
        var worst = ranks.Max();
        var level = Enumerable.Range(0, objectives.Count).Where(i => ranks[i] == worst).ToArray();
        if (level.Length == 1)
        {
            return (ranks, level[0]);
        }

        var m = objectives[0].Length;
        var points = level.Select(i => objectives[i]).ToArray();
        var reference = new double[m];
        var extremes = new HashSet<int>();
        for (var k = 0; k < m; k++)
        {
            var low = points.Min(p => p[k]);
            var high = points.Max(p => p[k]);
            reference[k] = low - Math.Max(0.1 * (high - low), 1e-12 * Math.Max(1, Math.Abs(low)));
            extremes.UnionWith(Enumerable.Range(0, points.Length).Where(j => points[j][k] == high));
        }

        var contributions = Hypervolume.Contributions(points, reference);
        var open = Enumerable.Range(0, points.Length).Where(j => !extremes.Contains(j)).ToArray();
        var drop = (open.Length > 0 ? open : Enumerable.Range(0, points.Length))
            .OrderBy(j => contributions[j]).ThenBy(j => age[level[j]]).First();
        return (ranks, level[drop]);
    }
}
