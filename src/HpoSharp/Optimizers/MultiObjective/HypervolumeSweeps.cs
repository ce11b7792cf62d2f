using HpoSharp.Trials;

namespace HpoSharp.Optimizers.MultiObjective;

/// <summary>
/// The hypervolume algorithms behind <see cref="Hypervolume"/>, on gains: points shifted so that the reference is the
/// origin, with every coordinate positive, higher is better. Only the first <c>m</c> coordinates of each point are read.
/// </summary>
internal static class HypervolumeSweeps
{
    /// <summary>The volume dominated by <paramref name="gains"/> in their first <paramref name="m"/> coordinates.</summary>
    public static double Volume(List<double[]> gains, int m) => gains.Count == 0 ? 0 : m switch
    {
        1 => gains.Max(g => g[0]),
        2 => Sweep2D(gains),
        3 => Sweep3D(gains),
        _ => Slices(gains, m),
    };

    /// <summary>The exclusive contribution of each gain in its first <paramref name="m"/> coordinates.</summary>
    public static double[] Contributions(List<double[]> gains, int m)
    {
        var contributions = new double[gains.Count];
        if (gains.Count == 0)
        {
            return contributions;
        }

        if (m == 1)
        {
            Line(gains, contributions);
            return contributions;
        }

        if (m == 2)
        {
            Strips(gains, contributions);
            return contributions;
        }

        // A dominated point loses nothing when removed, and neither does a point with a duplicate (exactly: the difference
        // below would round). A point on the front adds its own box minus the part of it the others cover, which is the
        // volume of their meets with it (points it dominates included).
        var group = Pareto.EqualGroups(gains, out var distinct);
        var copies = new int[distinct.Count];
        foreach (var g in group)
        {
            copies[g]++;
        }

        foreach (var k in Pareto.FirstFront(gains))
        {
            if (copies[group[k]] > 1)
            {
                continue;
            }

            var limited = new List<double[]>(gains.Count - 1);
            for (var j = 0; j < gains.Count; j++)
            {
                if (j != k)
                {
                    limited.Add(Meet(gains[k], gains[j], m));
                }
            }

            contributions[k] = Math.Max(0, Box(gains[k], m) - Volume(limited, m));
        }

        return contributions;
    }

    /// <summary>The two-objective sweep: by decreasing x, each point adds the strip above the highest y so far.</summary>
    private static double Sweep2D(List<double[]> gains)
    {
        var order = gains.ToArray();
        Array.Sort(order, ByDecreasingXThenY);
        double area = 0, top = 0;
        foreach (var g in order)
        {
            if (g[1] > top)
            {
                area += g[0] * (g[1] - top);
                top = g[1];
            }
        }

        return area;
    }

    /// <summary>HV3D: by decreasing z, each point joins a staircase of (x, y); the slab down to the next z has its area.</summary>
    private static double Sweep3D(List<double[]> gains)
    {
        var order = gains.OrderByDescending(g => g[2]).ToArray();
        var staircase = new Staircase();
        var volume = 0.0;
        for (var i = 0; i < order.Length; i++)
        {
            staircase.Add(order[i][0], order[i][1]);
            var next = i + 1 < order.Length ? order[i + 1][2] : 0;
            volume += staircase.Area * (order[i][2] - next);
        }

        return volume;
    }

    /// <summary>
    /// The WFG recursion with slicing: sorted by increasing last coordinate, each point adds its exclusive volume over the
    /// points after it. Their meets with it all share its last coordinate, so that volume is the point's last coordinate
    /// times a volume in one objective fewer, of the non-dominated meets only.
    /// </summary>
    private static double Slices(List<double[]> gains, int m)
    {
        var last = m - 1;
        var order = gains.OrderBy(g => g[last]).ToArray();
        var volume = 0.0;
        for (var k = 0; k < order.Length; k++)
        {
            var meets = new List<double[]>(order.Length - k - 1);
            for (var j = k + 1; j < order.Length; j++)
            {
                meets.Add(Meet(order[k], order[j], last));
            }

            var front = meets.Count == 0 ? [] : Pareto.FirstFront(meets).Select(i => meets[i]).ToList();
            volume += order[k][last] * (Box(order[k], last) - Volume(front, last));
        }

        return volume;
    }

    /// <summary>Contributions in one objective: the best point, when unique, adds its lead over the second best.</summary>
    private static void Line(List<double[]> gains, double[] contributions)
    {
        var order = Enumerable.Range(0, gains.Count).OrderByDescending(i => gains[i][0]).ToArray();
        var second = order.Length > 1 ? gains[order[1]][0] : 0;
        contributions[order[0]] = gains[order[0]][0] - second;
    }

    /// <summary>
    /// Contributions in two objectives, in O(N log N): along the staircase of non-dominated points by decreasing x, each
    /// owns the rectangle between its neighbours, less what the points only it dominates cover there (each such point lies
    /// in exactly one rectangle; a duplicate covers all of it).
    /// </summary>
    private static void Strips(List<double[]> gains, double[] contributions)
    {
        var order = Enumerable.Range(0, gains.Count).ToArray();
        Array.Sort(order, (a, b) => ByDecreasingXThenY(gains[a], gains[b]));
        var steps = new List<int>();
        var top = 0.0;
        foreach (var i in order)
        {
            if (gains[i][1] > top)
            {
                steps.Add(i);
                top = gains[i][1];
            }
        }

        double X(int s) => s < steps.Count ? gains[steps[s]][0] : 0;
        double Y(int s) => s >= 0 ? gains[steps[s]][1] : 0;
        var inside = steps.Select(_ => new List<double[]>()).ToArray();
        var isStep = new HashSet<int>(steps);
        foreach (var i in order.Where(i => !isStep.Contains(i)))
        {
            // The last step with x at least this point's is the only one that can own it.
            int low = 0, high = steps.Count;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                (low, high) = X(mid) >= gains[i][0] ? (mid + 1, high) : (low, mid);
            }

            var s = low - 1;
            if (gains[i][1] > Y(s - 1))
            {
                inside[s].Add([gains[i][0] - X(s + 1), gains[i][1] - Y(s - 1)]);
            }
        }

        for (var s = 0; s < steps.Count; s++)
        {
            var owned = (X(s) - X(s + 1)) * (Y(s) - Y(s - 1));
            contributions[steps[s]] = Math.Max(0, owned - (inside[s].Count == 0 ? 0 : Sweep2D(inside[s])));
        }
    }

    private static int ByDecreasingXThenY(double[] a, double[] b)
    {
        var c = b[0].CompareTo(a[0]);
        return c != 0 ? c : b[1].CompareTo(a[1]);
    }

    /// <summary>The component-wise minimum of two gains in their first <paramref name="m"/> coordinates.</summary>
    internal static double[] Meet(double[] a, double[] b, int m)
    {
        var meet = new double[m];
        for (var i = 0; i < m; i++)
        {
            meet[i] = Math.Min(a[i], b[i]);
        }

        return meet;
    }

    /// <summary>The volume of the box from the origin to the first <paramref name="m"/> coordinates of <paramref name="gain"/>.</summary>
    internal static double Box(double[] gain, int m)
    {
        var volume = 1.0;
        for (var i = 0; i < m; i++)
        {
            volume *= gain[i];
        }

        return volume;
    }
}
