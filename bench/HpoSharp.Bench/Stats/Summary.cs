namespace HpoSharp.Bench.Stats;

/// <summary>
/// Median and quartiles (linear interpolation between order statistics, as numpy's default); a quantile that falls on
/// an order statistic, or between two equal ones, is that value, so that infinite scores (runs without a completed
/// trial) give ∞ or a finite value rather than NaN.
/// </summary>
public static class Summary
{
    /// <summary>The <paramref name="q"/>-quantile of <paramref name="values"/>.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return position == low || sorted[low] == sorted[high] ? sorted[low] : sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }

    /// <summary>The median.</summary>
    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);
}
