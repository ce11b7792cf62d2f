namespace HpoSharp.Space;

/// <summary>
/// A categorical hyper-parameter: one of a list of choices (strings, numbers, enums or any objects).
/// The objective receives the original choice object.
/// </summary>
public sealed class ChoiceHP : HPSpace
{
    private readonly object[] _choices;
    private readonly Dimension[] _dimensions;

    /// <summary>Creates a categorical parameter.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="choices">The choices, at least one, none null, no two equal (arrays and tuples compare by their elements).</param>
    public ChoiceHP(string name, params object[] choices)
        : this(name, choices, singleCollectionAllowed: false)
    {
    }

    private ChoiceHP(string name, object[] choices, bool singleCollectionAllowed)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (!singleCollectionAllowed && choices is [System.Collections.IEnumerable list and not string])
        {
            throw new ArgumentException($"Parameter '{name}': the only choice given is a collection ({TypeNames.Of(list.GetType())}); pass the choices themselves, or use ChoiceHP.Of(name, collection).", nameof(choices));
        }

        _choices = Validate(name, choices);
        _dimensions = [Dimension.Categorical(name, _choices.Length)];
    }

    /// <summary>The choices, in the order given.</summary>
    public IReadOnlyList<object> Choices => _choices;

    /// <inheritdoc/>
    public override IReadOnlyList<Dimension> Dimensions => _dimensions;

    /// <summary>Creates a categorical parameter from a typed collection of choices (a single choice may itself be a collection).</summary>
    public static ChoiceHP Of<T>(string name, IEnumerable<T> choices)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(choices);
        return new ChoiceHP(name, [.. choices.Select(c => (object)c)], singleCollectionAllowed: true);
    }

    /// <summary>The index of <paramref name="choice"/> among the choices (equal to it, or an array or tuple with equal elements), or -1.</summary>
    public int IndexOf(object? choice) => Array.FindIndex(_choices, c => SameValue(c, choice));

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<double> values) => double.IsNaN(values[0]) ? null : _choices[(int)values[0]];

    /// <inheritdoc/>
    public override void Encode(object value, Span<double> destination)
    {
        var index = IndexOf(value);
        if (index < 0)
        {
            throw InvalidValue(value, $"one of {Describe()}{TypeMismatch(value)}");
        }

        destination[0] = index;
    }

    /// <summary>The choices as culture-invariant text in braces, e.g. <c>{1, 2, 3}</c>.</summary>
    internal string Describe() => $"{{{string.Join(", ", _choices.Select(Text))}}}";

    /// <summary>A note when a choice has the same text as <paramref name="value"/> but another type (see <see cref="HPSpace.TypeMismatch"/>).</summary>
    internal string TypeMismatch(object? value) => TypeMismatch(_choices, value, "choice");

    private static object[] Validate(string name, object[] choices)
    {
        if (choices.Length == 0)
        {
            throw new ArgumentException($"Parameter '{name}': a choice needs at least one value (got none).", nameof(choices));
        }

        for (var i = 0; i < choices.Length; i++)
        {
            if (choices[i] is null)
            {
                throw new ArgumentException($"Parameter '{name}': choice {i} is null.", nameof(choices));
            }

            for (var j = 0; j < i; j++)
            {
                if (SameValue(choices[j], choices[i]))
                {
                    throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Parameter '{name}': choice '{Text(choices[i])}' is given twice (positions {j} and {i})."), nameof(choices));
                }
            }
        }

        return [.. choices];
    }
}
