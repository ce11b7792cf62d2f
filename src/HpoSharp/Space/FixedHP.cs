namespace HpoSharp.Space;

/// <summary>A constant passed through to the objective; it has no dimension and is never searched.</summary>
/// <param name="name">The parameter's name.</param>
/// <param name="value">The value the objective receives.</param>
public sealed class FixedHP(string name, object value) : HPSpace(name)
{
    /// <summary>The constant.</summary>
    public object Value { get; } = value ?? throw new ArgumentNullException(nameof(value), $"Parameter '{name}': a fixed value must not be null.");

    /// <inheritdoc/>
    public override IReadOnlyList<Dimension> Dimensions => [];

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<double> values) => Value;

    /// <inheritdoc/>
    public override void Encode(object value, Span<double> destination)
    {
        if (!SameValue(Value, value))
        {
            throw InvalidValue(value, $"the fixed value '{Text(Value)}'{TypeMismatch([Value], value, "fixed value")}");
        }
    }
}
