using System.Globalization;

namespace HpoSharp.Space;

/// <summary>
/// A list of integers, such as the widths of a network's layers, decoded to <c>int[]</c>.
/// It is also the worked example of a user-defined kind: it inherits <see cref="HPSpace"/>, declares one integer
/// dimension per element, and decodes them; with <c>lengthFrom</c> its length follows another parameter.
/// </summary>
public sealed class IntListHP : HPSpace
{
    private readonly Dimension[] _dimensions;
    private readonly HPCondition?[] _conditions;

    /// <summary>Creates a list of <paramref name="maxLength"/> integers in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="name">The parameter's name; the elements' dimensions are named <c>name[i]</c>.</param>
    /// <param name="maxLength">The number of elements (the largest number when <paramref name="lengthFrom"/> is given).</param>
    /// <param name="min">The smallest element.</param>
    /// <param name="max">The largest element.</param>
    /// <param name="log">Search each element on a logarithmic scale.</param>
    /// <param name="lengthFrom">
    /// The name of a <see cref="ChoiceHP"/> whose integer choices give the list's length: element <c>i</c> is active
    /// only when that parameter is greater than <c>i</c>. Null for a list of fixed length.
    /// </param>
    public IntListHP(string name, int maxLength, int min, int max, bool log = false, string? lengthFrom = null)
        : base(name)
    {
        if (maxLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"Parameter '{name}': a list needs at least one element.");
        }

        _dimensions = [.. Enumerable.Range(0, maxLength).Select(i => Dimension.Integer($"{name}[{i}]", min, max, log))];
        _conditions = [.. Enumerable.Range(0, maxLength).Select(i => lengthFrom is null ? null : new HPCondition(lengthFrom, length => LengthOf(name, maxLength, length) > i))];
        LengthFrom = lengthFrom;
    }

    /// <summary>The parameter that gives the list's length, or null.</summary>
    public string? LengthFrom { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Dimension> Dimensions => _dimensions;

    /// <inheritdoc/>
    public override IReadOnlyList<HPCondition?> DimensionConditions => _conditions;

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<double> values)
    {
        var list = new List<int>(values.Length);
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                list.Add((int)v);
            }
        }

        return list.Count == 0 ? null : list.ToArray();
    }

    /// <inheritdoc/>
    public override void Encode(object value, Span<double> destination)
    {
        var expected = string.Create(CultureInfo.InvariantCulture, $"an int[] of at most {_dimensions.Length} elements in [{_dimensions[0].Low}, {_dimensions[0].High}]");
        if (value is not int[] list || list.Length > _dimensions.Length)
        {
            throw InvalidValue(value, expected);
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = i < list.Length ? list[i] : double.NaN;
            if (i < list.Length && !_dimensions[i].IsValid(list[i]))
            {
                throw InvalidValue(value, expected);
            }
        }
    }

    private static int LengthOf(string name, int maxLength, object length) =>
        NumericHP.TryToDouble(length, out var n) && n == Math.Floor(n) && n >= 0 && n <= maxLength
            ? (int)n
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Parameter '{name}': its length parameter's choices must be whole numbers from 0 to {maxLength}, the list's largest length (got '{length}')."));
}
