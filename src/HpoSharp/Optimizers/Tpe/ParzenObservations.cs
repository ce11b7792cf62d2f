namespace HpoSharp.Optimizers;

/// <summary>
/// The observations one Parzen estimator is built from, laid out flat: dimension-major values (user units, or choice
/// indices), one weight per observation, the prior's weight, and optionally, for each numeric dimension, the observations
/// in ascending order of value (so that the estimator need not sort what the caller keeps sorted). An instance is reused
/// from one suggestion to the next: its arrays only grow.
/// </summary>
internal sealed class ParzenObservations
{
    private double[] _values = [];
    private double[] _weights = [];
    private int[] _order = [];
    private int[] _numbers = [];

    /// <summary>The number of observations.</summary>
    public int Count { get; private set; }

    /// <summary>The number of dimensions.</summary>
    public int Dimensions { get; private set; }

    /// <summary>Whether <see cref="Order"/> is given.</summary>
    public bool HasOrder { get; private set; }

    /// <summary>The weight of the prior kernel in the same units as <see cref="Weights"/>.</summary>
    public double PriorWeight { get; set; } = 1.0;

    /// <summary>Value of observation i on dimension d at <c>d * Count + i</c>.</summary>
    public Span<double> Values => _values.AsSpan(0, Count * Dimensions);

    /// <summary>The weight of each observation (non-negative, not normalised).</summary>
    public Span<double> Weights => _weights.AsSpan(0, Count);

    /// <summary>When <see cref="HasOrder"/>, at <c>d * Count + r</c> the index of the r-th smallest observation on dimension d.</summary>
    public Span<int> Order => _order.AsSpan(0, HasOrder ? Count * Dimensions : 0);

    /// <summary>The trial number of each observation (for <see cref="TruncationMemo"/>), or −1 when it has none.</summary>
    public Span<int> Numbers => _numbers.AsSpan(0, Count);

    /// <summary>Makes room for <paramref name="count"/> observations over <paramref name="dimensions"/> dimensions.</summary>
    public void Reset(int count, int dimensions, bool withOrder)
    {
        Count = count;
        Dimensions = dimensions;
        HasOrder = withOrder;
        PriorWeight = 1.0;
        Grow(ref _values, count * dimensions);
        Grow(ref _weights, count);
        Grow(ref _numbers, count);
        Numbers.Fill(-1);
        if (withOrder)
        {
            Grow(ref _order, count * dimensions);
        }
    }

    /// <summary>Replaces <paramref name="array"/> by a larger one (at least doubling) when it is shorter than <paramref name="length"/>.</summary>
    internal static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, 2 * array.Length)];
        }
    }
}
