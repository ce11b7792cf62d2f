using System.Globalization;

namespace HpoSharp.Space;

/// <summary>A parameter searched along one real or integer dimension; the base of the range kinds.</summary>
public abstract class NumericHP : HPSpace
{
    private readonly Dimension[] _dimensions;

    /// <summary>Creates a parameter over <paramref name="dimension"/>.</summary>
    private protected NumericHP(string name, Dimension dimension)
        : base(name)
    {
        _dimensions = [dimension];
    }

    /// <summary>The parameter's one dimension.</summary>
    public Dimension Dimension => _dimensions[0];

    /// <summary>The smallest value.</summary>
    public double Min => Dimension.Low;

    /// <summary>The largest value.</summary>
    public double Max => Dimension.High;

    /// <inheritdoc/>
    public override IReadOnlyList<Dimension> Dimensions => _dimensions;

    /// <inheritdoc/>
    public override void Encode(object value, Span<double> destination)
    {
        if (!TryToDouble(value, out var number) || !Dimension.StandsForAllowedValue(number))
        {
            var grid = Dimension.IsDiscrete ? string.Create(CultureInfo.InvariantCulture, $" on the step {Dimension.Step} from {Min}") : string.Empty;
            throw InvalidValue(value, string.Create(CultureInfo.InvariantCulture, $"a number in [{Min}, {Max}]{grid}"));
        }

        destination[0] = Dimension.Snap(number);
    }

    /// <summary>Converts a boxed number of any numeric type to a double; false for anything else.</summary>
    internal static bool TryToDouble(object? value, out double number)
    {
        switch (value)
        {
            case double d: number = d; return true;
            case float f: number = f; return true;
            case int i: number = i; return true;
            case long l: number = l; return true;
            case short s: number = s; return true;
            case byte b: number = b; return true;
            case sbyte sb: number = sb; return true;
            case ushort us: number = us; return true;
            case uint u: number = u; return true;
            case ulong ul: number = ul; return true;
            case nint n: number = n; return true;
            case nuint nu: number = nu; return true;
            case Int128 i128: number = (double)i128; return true;
            case UInt128 u128: number = (double)u128; return true;
            case Half h: number = (double)h; return true;
            case decimal m: number = (double)m; return true;
            default: number = double.NaN; return false;
        }
    }
}

/// <summary>A real hyper-parameter searched uniformly on a linear scale, optionally on a grid of <c>step</c>. The objective receives a <see cref="double"/>.</summary>
/// <param name="name">The parameter's name.</param>
/// <param name="min">The lower bound.</param>
/// <param name="max">The upper bound, greater than <paramref name="min"/>.</param>
/// <param name="step">The spacing of allowed values from <paramref name="min"/>; 0 (the default) for a continuous range.</param>
public sealed class RangeHP(string name, double min, double max, double step = 0)
    : NumericHP(name, Dimension.Real(name, min, max, log: false, step))
{
    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<double> values) => double.IsNaN(values[0]) ? null : values[0];
}

/// <summary>A positive real hyper-parameter searched on a logarithmic scale, such as a learning rate. The objective receives a <see cref="double"/>.</summary>
/// <param name="name">The parameter's name.</param>
/// <param name="min">The lower bound, greater than 0.</param>
/// <param name="max">The upper bound, greater than <paramref name="min"/>.</param>
public sealed class LogRangeHP(string name, double min, double max)
    : NumericHP(name, Dimension.Real(name, min, max, log: true))
{
    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<double> values) => double.IsNaN(values[0]) ? null : values[0];
}

/// <summary>An integer hyper-parameter, on a linear or logarithmic scale, optionally with a step. The objective receives an <see cref="int"/>.</summary>
/// <param name="name">The parameter's name.</param>
/// <param name="min">The smallest value.</param>
/// <param name="max">The largest value, greater than <paramref name="min"/>.</param>
/// <param name="log">Search on a logarithmic scale; needs <paramref name="min"/> &gt; 0 and step 1.</param>
/// <param name="step">The spacing of allowed values from <paramref name="min"/>, at least 1.</param>
public sealed class IntRangeHP(string name, int min, int max, bool log = false, int step = 1)
    : NumericHP(name, Dimension.Integer(name, min, max, log, step))
{
    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<double> values) => double.IsNaN(values[0]) ? null : (int)values[0];
}
