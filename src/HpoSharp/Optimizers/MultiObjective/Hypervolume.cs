using HpoSharp.Trials;

namespace HpoSharp.Optimizers.MultiObjective;

/// <summary>
/// The hypervolume indicator: the volume of the objective space that a set of points dominates and that dominates a
/// reference point, on the higher-is-better scale of <see cref="Pareto.Dominates"/> (so the reference point is worse, i.e.
/// lower, than the points in every objective; a point not strictly above it in every objective adds nothing). Exact in
/// every number of objectives: a sweep for 2 (O(N log N)), the dimension sweep HV3D for 3 (Beume, Fonseca,
/// López-Ibáñez, Paquete and Vahrenhold, 2009; O(N log N) searches), and the WFG recursion (While, Bradstreet and Barone,
/// 2012) slicing down to HV3D for 4 and more, whose cost grows like N^(M-2) log N at worst: fine for a few hundred
/// points up to 5 or 6 objectives, slow beyond. Volumes are products of the points' gains over the reference in double
/// arithmetic, so its partial products must stay within a double's range: gains of (1e200, 1e200, 1e-200) give infinity,
/// not 1e200. The optimizers scale each objective to [0, 1] before they compute volumes.
/// </summary>
public static class Hypervolume
{
    /// <summary>The hypervolume of <paramref name="points"/> against <paramref name="reference"/> (higher is better).</summary>
    /// <param name="points">Objective vectors, all as long as <paramref name="reference"/> and finite.</param>
    /// <param name="reference">The reference point, worse than the points that count in every objective.</param>
    public static double Compute(IReadOnlyList<double[]> points, ReadOnlySpan<double> reference) =>
        HypervolumeSweeps.Volume(Gains(points, reference, out _), reference.Length);

    /// <summary>
    /// The exclusive contribution of each point: the hypervolume lost if it alone were removed. Dominated points, points
    /// not above the reference and points with an exact duplicate contribute 0.
    /// </summary>
    /// <param name="points">Objective vectors, all as long as <paramref name="reference"/> and finite.</param>
    /// <param name="reference">The reference point, worse than the points that count in every objective.</param>
    public static double[] Contributions(IReadOnlyList<double[]> points, ReadOnlySpan<double> reference)
    {
        var gains = Gains(points, reference, out var indices);
        var own = HypervolumeSweeps.Contributions(gains, reference.Length);
        var all = new double[points.Count];
        for (var i = 0; i < own.Length; i++)
        {
            all[indices[i]] = own[i];
        }

        return all;
    }

    /// <summary>
    /// The hypervolume of the complete trials among <paramref name="trials"/>, with values and reference point in the user's
    /// units and directions (e.g. a study's <c>ParetoFront</c> and <c>Directions</c>, and a reference point that is worse
    /// than the front in every objective: larger where minimising, smaller where maximising).
    /// </summary>
    /// <param name="trials">The trials; those not complete are ignored, and each complete one has a value per objective.</param>
    /// <param name="directions">The direction of each objective.</param>
    /// <param name="reference">The reference point, one value per objective in the user's units.</param>
    public static double OfTrials(IEnumerable<Trial> trials, IReadOnlyList<Direction> directions, ReadOnlySpan<double> reference)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(directions);
        if (reference.Length != directions.Count)
        {
            throw new ArgumentException($"The reference point has {reference.Length} values; the study has {directions.Count} objectives.", nameof(reference));
        }

        var complete = trials.Where(t => t.State == TrialState.Complete).ToArray();
        if (complete.FirstOrDefault(t => t.Values.Length != directions.Count) is { } other)
        {
            throw new ArgumentException($"Trial {other.Number} has {other.Values.Length} values; the study has {directions.Count} objectives.", nameof(trials));
        }

        var points = complete.Select(t => t.Values.Select((v, k) => directions[k].Perf(v)).ToArray()).ToArray();
        var scaled = new double[reference.Length];
        for (var k = 0; k < scaled.Length; k++)
        {
            scaled[k] = directions[k].Perf(reference[k]);
        }

        return Compute(points, scaled);
    }

    /// <summary>
    /// The points with each objective k mapped from [<paramref name="low"/>[k], the points' largest value] onto [0, 1] (0
    /// throughout when that range is empty; a range wider than a double holds is halved first): volumes of the result
    /// neither overflow nor underflow whatever the units, and keep the ratios of the volumes of the points as given.
    /// </summary>
    internal static double[][] ScaledToUnit(IReadOnlyList<double[]> points, double[] low)
    {
        var scaled = points.Select(_ => new double[low.Length]).ToArray();
        for (var k = 0; k < low.Length; k++)
        {
            var (from, high) = (low[k], points.Max(p => p[k]));
            var range = high - from;
            for (var j = 0; j < points.Count; j++)
            {
                var v = points[j][k];
                scaled[j][k] = range == 0 ? 0 : double.IsFinite(range) ? (v - from) / range : ((v / 2) - (from / 2)) / ((high / 2) - (from / 2));
            }
        }

        return scaled;
    }

    /// <summary>Throws unless <paramref name="reference"/> has at least one value and every value is finite.</summary>
    internal static void CheckReference(ReadOnlySpan<double> reference)
    {
        if (reference.Length == 0)
        {
            throw new ArgumentException("The reference point needs at least one objective value.", nameof(reference));
        }

        foreach (var r in reference)
        {
            if (!double.IsFinite(r))
            {
                throw new ArgumentException(FormattableString.Invariant($"The reference point has the value {r}; every value must be finite."), nameof(reference));
            }
        }
    }

    /// <summary>The points strictly above the reference in every objective, shifted so that the reference is the origin.</summary>
    private static List<double[]> Gains(IReadOnlyList<double[]> points, ReadOnlySpan<double> reference, out List<int> indices)
    {
        Pareto.CheckPoints(points);
        CheckReference(reference);
        if (points.Count > 0 && points[0].Length != reference.Length)
        {
            throw new ArgumentException($"The points have {points[0].Length} objective values; the reference point has {reference.Length}.", nameof(points));
        }

        var gains = new List<double[]>(points.Count);
        indices = new List<int>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var gain = new double[reference.Length];
            var counts = true;
            for (var k = 0; k < gain.Length; k++)
            {
                gain[k] = points[i][k] - reference[k];
                counts &= gain[k] > 0;
            }

            if (counts)
            {
                gains.Add(gain);
                indices.Add(i);
            }
        }

        return gains;
    }
}
