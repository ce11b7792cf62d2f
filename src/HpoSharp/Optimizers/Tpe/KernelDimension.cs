using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <summary>How a kernel treats a dimension.</summary>
internal enum KernelKind
{
    /// <summary>A continuous interval: a truncated normal density.</summary>
    Continuous,

    /// <summary>Finitely many ordered values, each owning a cell of the interval: the truncated normal's mass on the cell.</summary>
    Discrete,

    /// <summary>Unordered choices: a probability table per kernel.</summary>
    Categorical,
}

/// <summary>
/// A search-space dimension on the scale its kernels live on: the logarithm of the value on a log dimension, the value
/// otherwise, and the index of the choice on a categorical one. A discrete value owns the cell between the midpoints to
/// its neighbours (on a log-scaled integer range, <c>[log(v − ½), log(v + ½)]</c>), so the cells tile
/// [<see cref="Low"/>, <see cref="High"/>] and a kernel gives every allowed value the mass of its cell.
/// </summary>
internal sealed class KernelDimension
{
    private readonly double _halfStep;

    /// <summary>Describes <paramref name="dimension"/>, the dimension numbered <paramref name="index"/> in its search space.</summary>
    public KernelDimension(Dimension dimension, int index)
    {
        Dimension = dimension;
        Index = index;
        Kind = dimension.Kind == DimensionKind.Categorical ? KernelKind.Categorical : dimension.IsDiscrete ? KernelKind.Discrete : KernelKind.Continuous;
        _halfStep = 0.5 * dimension.Step;
        (Low, High) = Kind switch
        {
            KernelKind.Categorical => (0.0, dimension.Count - 1.0),
            KernelKind.Discrete when dimension.Log => (Math.Log(dimension.Low - _halfStep), Math.Log(dimension.High + _halfStep)),
            KernelKind.Discrete => (dimension.Low - _halfStep, dimension.High + _halfStep),
            _ => (dimension.WarpedLow, dimension.WarpedHigh),
        };
    }

    /// <summary>The dimension described.</summary>
    public Dimension Dimension { get; }

    /// <summary>Its number in the search space.</summary>
    public int Index { get; }

    /// <summary>How kernels treat it.</summary>
    public KernelKind Kind { get; }

    /// <summary>The lower bound of the kernel scale (including the lowest value's cell).</summary>
    public double Low { get; }

    /// <summary>The upper bound of the kernel scale (including the highest value's cell).</summary>
    public double High { get; }

    /// <summary>The width of the kernel scale: the bandwidth of the prior and the largest bandwidth of any kernel.</summary>
    public double Range => High - Low;

    /// <summary>The number of choices of a categorical dimension.</summary>
    public int Count => Dimension.Count;

    /// <summary>A value (user units, or a choice index) on the kernel scale.</summary>
    public double ToKernel(double value) => Dimension.Log ? Math.Log(value) : value;

    /// <summary>The allowed value whose point (continuous) or cell (discrete) holds <paramref name="z"/> of the kernel scale.</summary>
    public double FromKernel(double z)
    {
        if (Kind == KernelKind.Continuous)
        {
            return Dimension.Snap(Dimension.Unwarp(z));
        }

        return Dimension.Log ? Math.Clamp(Math.Round(Math.Exp(z)), Dimension.Low, Dimension.High) : Dimension.Snap(z);
    }

    /// <summary>The cell of a discrete value on the kernel scale.</summary>
    public (double Left, double Right) Cell(double value) =>
        Dimension.Log ? (Math.Log(value - _halfStep), Math.Log(value + _halfStep)) : (value - _halfStep, value + _halfStep);
}
