using HpoSharp.Optimizers.MultiObjective;

namespace HpoSharp.Optimizers;

/// <summary>
/// The order ≺ of MO-CMA-ES on a set of candidates: a lower non-domination level is better; within a level, a point best
/// in some objective beats one that is not, then a larger exclusive hypervolume contribution wins (reference point: the
/// level's worst value in each objective, moved out by a tenth of the level's range; computed with each objective
/// scaled to that range, so that any magnitude of values gives the same order; contributions within 1e-12 of each
/// other count as equal, as their rounding may differ), then the younger. The worst candidate
/// is the one the steady-state selection drops. With one objective this is the order of values, the younger first
/// among equals, as in an elitist (1+1)-ES that accepts equal offspring. Contributions are computed once per level,
/// when a comparison first needs them.
/// </summary>
internal sealed class SelectionOrder
{
    /// <summary>
    /// How far apart two contributions may be and still count as equal: volumes of the scaled level are at most 1.1^m,
    /// and equal ones computed from different points differ by a few units in their last place.
    /// </summary>
    private const double ContributionTolerance = 1e-12;

    private readonly IReadOnlyList<double[]> _objectives;
    private readonly IReadOnlyList<int> _age;
    private readonly int[][] _levels;
    private readonly (bool Extreme, double Contribution)[]?[] _keys;

    /// <summary>Orders <paramref name="objectives"/> (higher is better), with ages <paramref name="age"/> as trial numbers (smaller is older).</summary>
    public SelectionOrder(IReadOnlyList<double[]> objectives, IReadOnlyList<int> age)
    {
        _objectives = objectives;
        _age = age;
        _levels = NonDominatedSorting.Fronts(objectives);
        Ranks = new int[objectives.Count];
        for (var level = 0; level < _levels.Length; level++)
        {
            foreach (var i in _levels[level])
            {
                Ranks[i] = level;
            }
        }

        _keys = new (bool, double)[]?[_levels.Length];
    }

    /// <summary>The non-domination level of each candidate (0: non-dominated).</summary>
    public int[] Ranks { get; }

    /// <summary>The worst candidate: on the last level, the one every other candidate of the level beats.</summary>
    public int Worst()
    {
        var level = _levels[^1];
        var worst = level[0];
        foreach (var i in level.Skip(1))
        {
            if (Better(worst, i))
            {
                worst = i;
            }
        }

        return worst;
    }

    /// <summary>Whether candidate <paramref name="a"/> precedes candidate <paramref name="b"/>.</summary>
    public bool Better(int a, int b)
    {
        if (Ranks[a] != Ranks[b])
        {
            return Ranks[a] < Ranks[b];
        }

        var (ka, kb) = (Key(a), Key(b));
        if (ka.Extreme != kb.Extreme)
        {
            return ka.Extreme;
        }

        return Math.Abs(ka.Contribution - kb.Contribution) > ContributionTolerance ? ka.Contribution > kb.Contribution : _age[a] > _age[b];
    }

    private (bool Extreme, double Contribution) Key(int i)
    {
        var rank = Ranks[i];
        var level = _levels[rank];
        var keys = _keys[rank] ??= LevelKeys(level);
        return keys[Array.IndexOf(level, i)];
    }

    private (bool, double)[] LevelKeys(int[] level)
    {
        var points = level.Select(i => _objectives[i]).ToArray();
        if (points.Length == 1)
        {
            return [(true, 0)];
        }

        // Each objective is scaled to [0, 1] over the level (0 throughout when flat, where the reference is any constant
        // amount below): the contributions keep the order of the raw values' without their boxes overflowing or
        // underflowing.
        var m = points[0].Length;
        var low = new double[m];
        var extreme = new bool[points.Length];
        for (var k = 0; k < m; k++)
        {
            low[k] = points.Min(p => p[k]);
            var high = points.Max(p => p[k]);
            for (var j = 0; j < points.Length; j++)
            {
                extreme[j] |= points[j][k] == high;
            }
        }

        var contributions = Hypervolume.Contributions(Hypervolume.ScaledToUnit(points, low), [.. Enumerable.Repeat(-0.1, m)]);
        return [.. Enumerable.Range(0, points.Length).Select(j => (extreme[j], contributions[j]))];
    }
}
