using HpoSharp.Trials;

namespace HpoSharp.Optimizers.MultiObjective;

/// <summary>
/// The hypervolume subset selection problem (choose k of N points whose union dominates the most volume) solved
/// greedily: each step adds the point whose addition gains the most hypervolume, which is within a factor 1 − 1/e of the
/// optimum because the hypervolume is submodular. The same submodularity makes a point's last computed gain an upper
/// bound of its later gains, so most candidates are not re-evaluated ("lazy" greedy, with a priority queue). Higher is better, as in
/// <see cref="Hypervolume"/>; ties go to the smaller index, where gains closer than 1e-12 times the largest point's box
/// count as ties (equal gains computed from different points may differ in their rounding).
/// </summary>
public static class HypervolumeSubsetSelection
{
    /// <summary>The indices of the <paramref name="count"/> points chosen, in the order the greedy selection took them.</summary>
    /// <param name="points">Objective vectors, all as long as <paramref name="reference"/> and finite.</param>
    /// <param name="count">How many points to choose, from 0 to the number of points.</param>
    /// <param name="reference">The reference point, worse than the points that count in every objective.</param>
    public static int[] Greedy(IReadOnlyList<double[]> points, int count, ReadOnlySpan<double> reference)
    {
        var n = Pareto.CheckPoints(points);
        if (count < 0 || count > n)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Expected a count from 0 to the number of points, {n}.");
        }

        Hypervolume.CheckReference(reference);

        if (n > 0 && points[0].Length != reference.Length)
        {
            throw new ArgumentException($"The points have {points[0].Length} objective values; the reference point has {reference.Length}.", nameof(reference));
        }

        var m = reference.Length;
        var gains = new double[n][];
        var bound = new double[n];
        for (var i = 0; i < n; i++)
        {
            gains[i] = new double[m];
            for (var k = 0; k < m; k++)
            {
                gains[i][k] = Math.Max(points[i][k] - reference[k], 0);
            }

            bound[i] = HypervolumeSweeps.Box(gains[i], m);
        }

        // By decreasing bound, ties by index; a point whose bound was computed in this step is the greedy choice.
        var queue = new PriorityQueue<int, (double Bound, int Index)>(
            Comparer<(double Bound, int Index)>.Create((a, b) => a.Bound != b.Bound ? b.Bound.CompareTo(a.Bound) : a.Index.CompareTo(b.Index)));
        var fresh = new int[n];
        for (var i = 0; i < n; i++)
        {
            queue.Enqueue(i, (bound[i], i));
            fresh[i] = -1;
        }

        // Gains this close to the best one are equal (their rounding differs): the smallest index among them is chosen.
        var tolerance = 1e-12 * bound.DefaultIfEmpty(0).Max();
        var chosen = new int[count];
        var selected = new List<double[]>(count);
        double Gain(int j) => Covered(gains[j], selected) ? 0
            : HypervolumeSweeps.Box(gains[j], m) - (m == 2 ? UnderStaircase(gains[j], selected) : OverlapWith(gains[j], selected));
        for (var step = 0; step < count; step++)
        {
            var i = queue.Dequeue();
            while (fresh[i] != step)
            {
                bound[i] = Gain(i);
                fresh[i] = step;
                queue.Enqueue(i, (bound[i], i));
                i = queue.Dequeue();
            }

            var best = bound[i];
            var others = new List<int>();
            while (queue.TryPeek(out var j, out var key) && key.Bound >= best - tolerance)
            {
                queue.Dequeue();
                if (fresh[j] != step)
                {
                    (bound[j], fresh[j]) = (Gain(j), step);
                }

                if (bound[j] >= best - tolerance && j < i)
                {
                    (i, j) = (j, i);
                }

                others.Add(j);
            }

            foreach (var j in others)
            {
                queue.Enqueue(j, (bound[j], j));
            }

            chosen[step] = i;
            selected.Add(gains[i]);
            if (m == 2)
            {
                selected = [.. Pareto.FirstFront(selected).Select(j => selected[j]).OrderBy(g => g[0])];
            }
        }

        return chosen;
    }

    /// <summary>
    /// Whether a chosen point is at least as good as <paramref name="gain"/> in every objective: its gain is then exactly 0,
    /// which box minus covered volume may miss by a rounding error of either sign (copies of a chosen point would otherwise
    /// be taken in an order set by rounding, not by index).
    /// </summary>
    private static bool Covered(double[] gain, List<double[]> selected)
    {
        foreach (var other in selected)
        {
            var covers = true;
            for (var k = 0; k < gain.Length && covers; k++)
            {
                covers = other[k] >= gain[k];
            }

            if (covers)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Two objectives: the part of the box of <paramref name="gain"/> under <paramref name="stairs"/>, mutually
    /// non-dominated points by increasing first (so decreasing second) coordinate, whose union is a staircase: over the
    /// stretch up to a step's first coordinate, its height is that step's second coordinate.
    /// </summary>
    private static double UnderStaircase(double[] gain, List<double[]> stairs)
    {
        double covered = 0, left = 0;
        foreach (var step in stairs)
        {
            var right = Math.Min(step[0], gain[0]);
            covered += right > left ? (right - left) * Math.Min(step[1], gain[1]) : 0;
            left = Math.Max(left, step[0]);
            if (left >= gain[0])
            {
                break;
            }
        }

        return covered;
    }

    /// <summary>The part of the box of <paramref name="gain"/> that the boxes of <paramref name="selected"/> already cover.</summary>
    private static double OverlapWith(double[] gain, List<double[]> selected)
    {
        var meets = new List<double[]>(selected.Count);
        foreach (var other in selected)
        {
            var meet = HypervolumeSweeps.Meet(gain, other, gain.Length);
            if (meet.All(g => g > 0))
            {
                meets.Add(meet);
            }
        }

        return HypervolumeSweeps.Volume(meets, gain.Length);
    }
}
