using HpoSharp.Optimizers.MultiObjective;
using HpoSharp.Trials;

namespace HpoSharp.Optimizers;

/// <summary>
/// The good side of multi-objective TPE (MOTPE; Ozaki, Tanigaki, Watanabe and Onishi, 2020 and 2022) and its kernel
/// weights. Of the complete trials in which a group was active, whole non-domination fronts are good, best first, while
/// they fit in the good count; the front that straddles the count gives the rest by greedy hypervolume subset selection,
/// so that the good trials spread along it. Each good trial then weighs max(c / c_max, 1e-12)^e, where c is its
/// exclusive hypervolume contribution to the good set, c_max the largest one and e
/// <see cref="TpeOptions.MultiObjectiveWeightExponent"/> (Optuna's MOTPE weights up to 4.1 are e = 1; Optuna 5.0's are
/// e = 0): a dominated good trial weighs next to nothing but not 0, whatever the units of the objectives; trials with
/// equal values count as one point, whose contribution each of them gets. Both reference points lie just beyond the
/// worst value of the points concerned in each objective: worst − 0.1·|worst| on the higher-is-better scale (−1e-12 when
/// that is 0), as Optuna does, with the objective halved where that would pass the lowest finite double. The result is a
/// function of the complete trials and is kept until a trial finishes.
/// </summary>
internal sealed class MotpeSelection
{
    /// <summary>The smallest share of the largest contribution a good trial is weighted by; the weight of pruned trials on the good side.</summary>
    public const double Negligible = 1e-12;

    private readonly List<(int[] Numbers, int GoodCount, int[] Good, double[] Weights)> _kept = [];
    private int _keptFor = -1;

    /// <summary>
    /// The good complete trials (ascending number) among the usable trials of <paramref name="observations"/> in which
    /// dimension <paramref name="lead"/> was active, at most <paramref name="goodCount"/> of them, and their weights.
    /// Groups active in the same trials (all of them, in a space without conditions) share one selection.
    /// </summary>
    /// <param name="observations">The usable trials.</param>
    /// <param name="lead">The first dimension of the group.</param>
    /// <param name="goodCount">The good count for the group.</param>
    /// <param name="exponent">The exponent of the weights.</param>
    public (int[] Good, double[] Weights) Select(TpeObservations observations, int lead, int goodCount, double exponent)
    {
        if (_keptFor != observations.Count)
        {
            _kept.Clear();
            _keptFor = observations.Count;
        }

        var numbers = new List<int>();
        foreach (var number in observations.Numbers)
        {
            if (observations.IsComplete(number) && !double.IsNaN(observations.Value(number, lead)))
            {
                numbers.Add(number);
            }
        }

        foreach (var kept in _kept)
        {
            if (kept.GoodCount == goodCount && kept.Numbers.AsSpan().SequenceEqual(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(numbers)))
            {
                return (kept.Good, kept.Weights);
            }
        }

        var points = numbers.Select(observations.Objectives).ToArray();
        var chosen = GoodIndices(points, Math.Min(goodCount, points.Length));
        Array.Sort(chosen);
        var good = chosen.Select(i => numbers[i]).ToArray();
        var weights = Weights([.. chosen.Select(i => points[i])], exponent);
        _kept.Add((numbers.ToArray(), goodCount, good, weights));
        return (good, weights);
    }

    /// <summary>The indices of the <paramref name="count"/> good points: whole fronts, then a greedy subset of the straddling one.</summary>
    internal static int[] GoodIndices(double[][] points, int count)
    {
        var good = new List<int>(count);
        foreach (var front in NonDominatedSorting.Fronts(points))
        {
            if (good.Count + front.Length <= count)
            {
                good.AddRange(front);
                continue;
            }

            var members = Scaled(front.Select(i => points[i]).ToArray());
            var subset = HypervolumeSubsetSelection.Greedy(members, count - good.Count, new double[members[0].Length]);
            good.AddRange(subset.Select(j => front[j]));
            break;
        }

        return [.. good];
    }

    /// <summary>
    /// Each point's exclusive hypervolume contribution over the largest one (at least 1e-12) to the power
    /// <paramref name="exponent"/>. Points with equal values count as one point, whose contribution each of them gets.
    /// </summary>
    internal static double[] Weights(double[][] points, double exponent)
    {
        if (points.Length <= 1)
        {
            return [.. points.Select(_ => 1.0)];
        }

        var copyOf = Pareto.EqualGroups(points, out var distinct);
        var scaled = Scaled([.. distinct]);
        var contributions = Hypervolume.Contributions(scaled, new double[scaled[0].Length]);
        var largest = contributions.Max();
        return [.. copyOf.Select(j => largest > 0 ? Math.Pow(Math.Max(contributions[j] / largest, Negligible), exponent) : 1.0)];
    }

    /// <summary>
    /// The points measured from their <see cref="Reference"/>, each objective divided by its largest gain: the reference
    /// becomes the origin and every gain lies in [0, 1], so hypervolumes neither overflow nor underflow whatever the
    /// units, while ratios of volumes and greedy choices stay those of the points as given.
    /// </summary>
    internal static double[][] Scaled(double[][] points)
    {
        // Halving an objective halves its reference and its gains alike, which leaves its unit values as they are, but
        // keeps the reference of values down to the lowest finite double below them: a reference clamped onto the worst
        // point would leave it out of every volume.
        var halved = new bool[points[0].Length];
        for (var k = 0; k < halved.Length; k++)
        {
            var worst = points.Min(p => p[k]);
            halved[k] = double.IsInfinity(worst - (0.1 * Math.Abs(worst)));
        }

        var units = halved.Contains(true) ? [.. points.Select(p => p.Select((v, k) => halved[k] ? v / 2 : v).ToArray())] : points;
        return Hypervolume.ScaledToUnit(units, Reference(units));
    }

    /// <summary>
    /// The reference point just beyond the worst value in each objective (higher is better), and never beyond the lowest
    /// finite double.
    /// </summary>
    internal static double[] Reference(double[][] points)
    {
        var reference = new double[points[0].Length];
        for (var k = 0; k < reference.Length; k++)
        {
            var worst = points.Min(p => p[k]);
            reference[k] = worst == 0 ? -Negligible : Math.Max(worst - (0.1 * Math.Abs(worst)), double.MinValue);
        }

        return reference;
    }
}
