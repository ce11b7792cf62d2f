namespace HpoSharp.Optimizers;

/// <summary>
/// The observations one Parzen estimator is built from, laid out flat: dimension-major values (user units, or choice
/// indices), one weight per observation, the prior's weight, and optionally, for each numeric dimension, the observations
/// in ascending order of value (so that the estimator need not sort what the caller keeps sorted).
/// </summary>
internal sealed class ParzenObservations
{
    /// <summary>Allocates room for <paramref name="count"/> observations over <paramref name="dimensions"/> dimensions.</summary>
    public ParzenObservations(int count, int dimensions, bool withOrder)
    {
        Count = count;
        Values = new double[count * dimensions];
        Weights = new double[count];
        Order = withOrder ? new int[count * dimensions] : null;
    }

    /// <summary>The number of observations.</summary>
    public int Count { get; }

    /// <summary>Value of observation i on dimension d at <c>d * Count + i</c>.</summary>
    public double[] Values { get; }

    /// <summary>The weight of each observation (non-negative, not normalised).</summary>
    public double[] Weights { get; }

    /// <summary>The weight of the prior kernel in the same units as <see cref="Weights"/>.</summary>
    public double PriorWeight { get; set; } = 1.0;

    /// <summary>If not null, at <c>d * Count + r</c> the index of the r-th smallest observation on dimension d.</summary>
    public int[]? Order { get; }
}
