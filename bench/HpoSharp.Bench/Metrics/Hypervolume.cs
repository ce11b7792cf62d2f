namespace HpoSharp.Bench.Metrics;

/// <summary>The hypervolume (every objective minimised) dominated by a set of points and bounded by a reference point, in 2 or 3 objectives.</summary>
public static class Hypervolume
{
    /// <summary>The hypervolume of <paramref name="points"/> with respect to <paramref name="reference"/>; points not strictly better than it everywhere add nothing.</summary>
    public static double Of(IEnumerable<double[]> points, IReadOnlyList<double> reference)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(reference);
        var inside = points.Where(p => p.Select((v, i) => v < reference[i]).All(b => b)).ToList();
        return reference.Count switch
        {
            2 => TwoD(inside, reference[0], reference[1]),
            3 => ThreeD(inside, reference),
            _ => throw new ArgumentException($"Hypervolume is implemented for 2 or 3 objectives, not {reference.Count}.", nameof(reference)),
        };
    }

    private static double TwoD(IEnumerable<double[]> points, double r0, double r1)
    {
        var volume = 0.0;
        var ceiling = r1;
        foreach (var p in points.OrderBy(p => p[0]).ThenBy(p => p[1]))
        {
            if (p[1] < ceiling)
            {
                volume += (r0 - p[0]) * (ceiling - p[1]);
                ceiling = p[1];
            }
        }

        return volume;
    }

    /// <summary>Slices along the third objective: between consecutive levels, the 2-D hypervolume of the points at or below.</summary>
    private static double ThreeD(List<double[]> points, IReadOnlyList<double> reference)
    {
        var sorted = points.OrderBy(p => p[2]).ToList();
        var volume = 0.0;
        for (var i = 0; i < sorted.Count; i++)
        {
            var top = i + 1 < sorted.Count ? sorted[i + 1][2] : reference[2];
            if (top > sorted[i][2])
            {
                volume += TwoD(sorted.Take(i + 1), reference[0], reference[1]) * (top - sorted[i][2]);
            }
        }

        return volume;
    }
}
