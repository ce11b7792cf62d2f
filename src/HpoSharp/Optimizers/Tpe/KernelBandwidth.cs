using System.Runtime.CompilerServices;

namespace HpoSharp.Optimizers;

/// <summary>How the Parzen estimator sets the bandwidth of the kernel of each observation on a numeric dimension.</summary>
public enum TpeBandwidth
{
    /// <summary>
    /// Each kernel as wide as the larger gap to its neighbouring observations on that dimension (hyperopt's rule, used by
    /// Optuna for every mode since 4.x): narrow where observations crowd, wide where they are sparse.
    /// </summary>
    Neighbours,

    /// <summary>
    /// One bandwidth per dimension from the spread of the observations, Scott's rule for a kernel density in d dimensions:
    /// 1.06 · min(standard deviation, interquartile range / 1.34) · n^(−1/(d + 4)).
    /// </summary>
    Scott,

    /// <summary>One bandwidth per dimension, 0.2 · range · n^(−1/(d + 4)), as Optuna's multivariate mode did up to 4.x.</summary>
    RangeScaled,
}

/// <summary>The bandwidth rules of <see cref="TpeBandwidth"/> and the clipping every rule goes through.</summary>
internal static class KernelBandwidth
{
    /// <summary>
    /// The neighbours rule over observations in ascending order: the larger of the gaps to the previous and next
    /// observation, the bounds standing in for missing neighbours. Unless <paramref name="considerEndpoints"/>, the
    /// smallest and largest observations take their inner gap only, when there are at least two.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Neighbours(ReadOnlySpan<double> sorted, double low, double high, bool considerEndpoints, Span<double> bandwidths)
    {
        var n = sorted.Length;
        for (var i = 0; i < n; i++)
        {
            var left = sorted[i] - (i == 0 ? low : sorted[i - 1]);
            var right = (i == n - 1 ? high : sorted[i + 1]) - sorted[i];
            bandwidths[i] = Math.Max(left, right);
        }

        if (!considerEndpoints && n >= 2)
        {
            bandwidths[0] = sorted[1] - sorted[0];
            bandwidths[n - 1] = sorted[n - 1] - sorted[n - 2];
        }
    }

    /// <summary>Scott's rule over observations in ascending order, for a kernel over <paramref name="dimensions"/> dimensions.</summary>
    public static double Scott(ReadOnlySpan<double> sorted, int dimensions)
    {
        var n = sorted.Length;
        if (n < 2)
        {
            return 0;
        }

        var mean = 0.0;
        foreach (var v in sorted)
        {
            mean += v;
        }

        mean /= n;
        var squares = 0.0;
        foreach (var v in sorted)
        {
            squares += (v - mean) * (v - mean);
        }

        var spread = Math.Sqrt(squares / (n - 1));
        var iqr = Percentile(sorted, 0.75) - Percentile(sorted, 0.25);
        if (iqr > 0)
        {
            spread = Math.Min(spread, iqr / 1.34);
        }

        return 1.06 * spread * Math.Pow(n, -1.0 / (dimensions + 4));
    }

    /// <summary>Optuna's former multivariate rule: 0.2 · range · n^(−1/(d + 4)).</summary>
    public static double RangeScaled(int count, int dimensions, double range) => 0.2 * range * Math.Pow(Math.Max(count, 1), -1.0 / (dimensions + 4));

    /// <summary>
    /// The smallest bandwidth allowed ("magic clip"): range · max(<paramref name="minFactor"/>, (1 + kernels)^(−exponent)),
    /// where kernels counts the observations and the prior. Optuna's is range / min(100, 1 + kernels): factor 0.01, exponent 1.
    /// </summary>
    public static double Minimum(double range, int kernels, double minFactor, double exponent) =>
        range * Math.Max(minFactor, Math.Pow(1 + kernels, -exponent));

    /// <summary>The linearly interpolated quantile <paramref name="q"/> of values in ascending order.</summary>
    private static double Percentile(ReadOnlySpan<double> sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
