namespace HpoSharp.Space;

/// <summary>
/// One named hyper-parameter of a search space. It declares the internal <see cref="Dimensions"/> that algorithms search,
/// decodes them into the value the objective receives, and encodes such a value back.
/// Inherit it to define a kind of your own (see <see cref="IntListHP"/>).
/// </summary>
public abstract class HPSpace
{
    /// <summary>Creates a parameter named <paramref name="name"/>.</summary>
    protected HPSpace(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"A parameter name must not be empty or white space (got '{name}').", nameof(name));
        }

        Name = name;
    }

    /// <summary>The parameter's name, unique within its search space.</summary>
    public string Name { get; }

    /// <summary>When set, the parameter is active only under this condition; an inactive one is absent from what the objective sees.</summary>
    public HPCondition? ActiveWhen { get; init; }

    /// <summary>The internal dimensions, at least one unless the parameter is fixed.</summary>
    public abstract IReadOnlyList<Dimension> Dimensions { get; }

    /// <summary>
    /// Per-dimension conditions, in addition to <see cref="ActiveWhen"/>: entry <c>i</c> applies to <c>Dimensions[i]</c>,
    /// null where there is none. A kind whose parts can be inactive (a list whose length is another parameter) overrides it.
    /// </summary>
    public virtual IReadOnlyList<HPCondition?> DimensionConditions => [];

    /// <summary>
    /// Decodes the values of this parameter's dimensions (NaN where inactive) into the value the objective receives,
    /// or null when the parameter has no active dimension.
    /// </summary>
    public abstract object? Decode(ReadOnlySpan<double> values);

    /// <summary>
    /// Encodes a value of this parameter into its dimensions, writing NaN into those that the value leaves inactive.
    /// Throws an <see cref="ArgumentException"/> naming the parameter when the value is not one this parameter can take.
    /// </summary>
    public abstract void Encode(object value, Span<double> destination);

    /// <inheritdoc/>
    public override string ToString() => ActiveWhen is null ? Name : $"{Name} (when {ActiveWhen})";

    /// <summary>An <see cref="ArgumentException"/> saying that <paramref name="value"/> is not a value of this parameter.</summary>
    protected ArgumentException InvalidValue(object? value, string expected) =>
        new($"Parameter '{Name}': value '{Text(value)}' ({(value is null ? "null" : TypeNames.Of(value.GetType()))}) is not valid; expected {expected}.", nameof(value));

    /// <summary>
    /// When one of <paramref name="declared"/> has the same text as <paramref name="value"/> but another type (<c>2</c> and
    /// <c>2L</c>), a note saying so, which the bare texts in a message would hide; otherwise empty. <paramref name="noun"/>
    /// says what the declared values are ("choice").
    /// </summary>
    internal static string TypeMismatch(IEnumerable<object> declared, object? value, string noun)
    {
        var text = Text(value);
        var twin = value is null ? null : declared.FirstOrDefault(c => c.GetType() != value.GetType() && Text(c) == text);
        return twin is null ? string.Empty : $" ({noun} '{text}' is a {TypeNames.Of(twin.GetType())}, the value a {TypeNames.Of(value!.GetType())}; a value matches only a {noun} of its own type)";
    }

    /// <summary>Whether a value given for a declared choice or constant stands for it: equal, or an array or tuple with equal elements.</summary>
    internal static bool SameValue(object declared, object? given) => declared switch
    {
        _ when declared.Equals(given) => true,
        Array { Rank: > 1 } matrix => given is Array other && SameShape(matrix, other)
            && matrix.Cast<object?>().Zip(other.Cast<object?>()).All(pair => System.Collections.StructuralComparisons.StructuralEqualityComparer.Equals(pair.First, pair.Second)),
        System.Collections.IStructuralEquatable structural => given is not null and not Array { Rank: > 1 } && structural.Equals(given, System.Collections.StructuralComparisons.StructuralEqualityComparer),
        _ => false,
    };

    /// <summary>
    /// A value as culture-invariant text for messages, a list as its elements in brackets and a tuple as its items in
    /// parentheses, e.g. <c>[64, 32]</c> and <c>(0.5, 2)</c>.
    /// </summary>
    internal static string Text(object? value) => Text(value, null);

    /// <summary>A value as <see cref="Text(object?)"/> writes it, but doubles, in it or in its elements and items, in <paramref name="doubleFormat"/> (null for the shortest that reads back the same).</summary>
    internal static string Text(object? value, string? doubleFormat) => value switch
    {
        System.Collections.IEnumerable list and not string => $"[{string.Join(", ", list.Cast<object?>().Select(v => Text(v, doubleFormat)))}]",
        System.Runtime.CompilerServices.ITuple tuple => $"({string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Text(tuple[i], doubleFormat)))})",
        double d when doubleFormat is not null => d.ToString(doubleFormat, System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static bool SameShape(Array a, Array b) =>
        a.Rank == b.Rank && Enumerable.Range(0, a.Rank).All(d => a.GetLength(d) == b.GetLength(d) && a.GetLowerBound(d) == b.GetLowerBound(d));
}
