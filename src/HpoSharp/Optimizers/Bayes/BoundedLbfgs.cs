namespace HpoSharp.Optimizers;

/// <summary>
/// Minimises a smooth function inside a box with a limited-memory BFGS method in the manner of L-BFGS-B: variables at a
/// bound whose gradient pushes outward are held fixed, the quasi-Newton direction is computed by the two-loop recursion
/// on the free variables, and a backtracking line search along the projected path <c>P(x + t d)</c> keeps every iterate
/// feasible (Armijo condition). It stops when the projected gradient <c>P(x - g) - x</c> is small in every coordinate,
/// when the relative decrease of the value stalls, or at an iteration limit. Deterministic.
/// </summary>
internal sealed class BoundedLbfgs
{
    private const double Armijo = 1e-4;
    private const int MaxBacktracks = 30;

    /// <summary>A function to minimise: returns its value at x and writes its gradient.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>The number of correction pairs kept (default 10).</summary>
    public int Memory { get; init; } = 10;

    /// <summary>The iteration limit (default 200).</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>Stop when every coordinate of the projected gradient is at most this (default 1e-5).</summary>
    public double GradientTolerance { get; init; } = 1e-5;

    /// <summary>Stop when an iteration decreases the value by at most this fraction of its magnitude (default 1e-10).</summary>
    public double RelativeTolerance { get; init; } = 1e-10;

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="start"/> inside [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    /// <returns>The best point found, its value and the number of function evaluations.</returns>
    public (double[] X, double Value, int Evaluations) Minimize(Objective objective, ReadOnlySpan<double> start, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        var n = start.Length;
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = Math.Clamp(start[i], lower[i], upper[i]);
        }

        var g = new double[n];
        var f = objective(x, g);
        var evaluations = 1;
        if (!double.IsFinite(f))
        {
            return (x, f, evaluations);
        }

        var pairs = new List<(double[] S, double[] Y, double Rho)>(Memory);
        var d = new double[n];
        var trial = new double[n];
        var trialGradient = new double[n];
        var free = new bool[n];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (ProjectedGradientNorm(x, g, lower, upper, free) <= GradientTolerance)
            {
                break;
            }

            Direction(g, free, pairs, d);
            var slope = Dot(g, d, null);
            if (!(slope < 0))
            {
                pairs.Clear();
                Direction(g, free, pairs, d);
                slope = Dot(g, d, null);
            }

            var step = pairs.Count == 0 ? Math.Min(1, 1 / Math.Max(MaxAbs(d), 1e-300)) : 1;
            var accepted = false;
            double trialValue = double.NaN;
            for (var backtrack = 0; backtrack < MaxBacktracks && !accepted; backtrack++, step *= 0.5)
            {
                var decrease = 0.0;
                for (var i = 0; i < n; i++)
                {
                    trial[i] = Math.Clamp(x[i] + (step * d[i]), lower[i], upper[i]);
                    decrease += g[i] * (trial[i] - x[i]);
                }

                trialValue = objective(trial, trialGradient);
                evaluations++;
                accepted = double.IsFinite(trialValue) && trialValue <= f + (Armijo * decrease);
            }

            if (!accepted)
            {
                if (pairs.Count == 0)
                {
                    break;
                }

                pairs.Clear();
                continue;
            }

            var s = new double[n];
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                s[i] = trial[i] - x[i];
                y[i] = trialGradient[i] - g[i];
            }

            var sy = Dot(s, y, null);
            if (sy > 1e-10 * Dot(y, y, null))
            {
                if (pairs.Count == Memory)
                {
                    pairs.RemoveAt(0);
                }

                pairs.Add((s, y, 1 / sy));
            }

            var previous = f;
            (x, trial) = (trial, x);
            (g, trialGradient) = (trialGradient, g);
            f = trialValue;
            if (previous - f <= RelativeTolerance * Math.Max(Math.Max(Math.Abs(previous), Math.Abs(f)), 1))
            {
                break;
            }
        }

        return (x, f, evaluations);
    }

    /// <summary>The largest coordinate of the projected gradient; marks the variables that are free to move.</summary>
    private static double ProjectedGradientNorm(double[] x, double[] g, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, bool[] free)
    {
        var norm = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            free[i] = !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0));
            var projected = Math.Clamp(x[i] - g[i], lower[i], upper[i]) - x[i];
            norm = Math.Max(norm, Math.Abs(projected));
        }

        return norm;
    }

    /// <summary>The quasi-Newton direction <c>-H g</c> on the free variables (two-loop recursion), zero on the others.</summary>
    private static void Direction(double[] g, bool[] free, List<(double[] S, double[] Y, double Rho)> pairs, double[] d)
    {
        for (var i = 0; i < g.Length; i++)
        {
            d[i] = free[i] ? g[i] : 0;
        }

        var alphas = new double[pairs.Count];
        for (var k = pairs.Count - 1; k >= 0; k--)
        {
            var (s, y, rho) = pairs[k];
            alphas[k] = rho * Dot(s, d, free);
            Subtract(d, alphas[k], y, free);
        }

        if (pairs.Count > 0)
        {
            var (s, y, _) = pairs[^1];
            var yy = Dot(y, y, free);
            var gamma = yy > 0 ? Dot(s, y, free) / yy : 1;
            gamma = gamma > 0 && double.IsFinite(gamma) ? gamma : 1;
            for (var i = 0; i < d.Length; i++)
            {
                d[i] *= gamma;
            }
        }

        for (var k = 0; k < pairs.Count; k++)
        {
            var (s, y, rho) = pairs[k];
            var beta = rho * Dot(y, d, free);
            Subtract(d, beta - alphas[k], s, free);
        }

        for (var i = 0; i < d.Length; i++)
        {
            d[i] = free[i] ? -d[i] : 0;
        }
    }

    private static double Dot(double[] a, double[] b, bool[]? mask)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            if (mask is null || mask[i])
            {
                sum += a[i] * b[i];
            }
        }

        return sum;
    }

    private static void Subtract(double[] target, double scale, double[] v, bool[] mask)
    {
        for (var i = 0; i < target.Length; i++)
        {
            if (mask[i])
            {
                target[i] -= scale * v[i];
            }
        }
    }

    private static double MaxAbs(double[] v)
    {
        var max = 0.0;
        foreach (var value in v)
        {
            max = Math.Max(max, Math.Abs(value));
        }

        return max;
    }
}
