namespace HpoSharp.Space;

/// <summary>
/// Makes a parameter (or one dimension of it) active only when a categorical parent takes some of its choices,
/// e.g. <c>degree</c> only when <c>kernel</c> is <c>"poly"</c>. The parent must be a <see cref="ChoiceHP"/>.
/// </summary>
public sealed class HPCondition
{
    private readonly Func<object, bool> _holds;

    /// <summary>Active when the parent takes one of <paramref name="values"/>.</summary>
    /// <param name="parent">The name of a <see cref="ChoiceHP"/> in the same search space.</param>
    /// <param name="values">The parent's choices under which the parameter is active; each must be one of them.</param>
    public HPCondition(string parent, params object[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parent);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException($"The condition on '{parent}' names no values.", nameof(values));
        }

        Parent = parent;
        Values = values;
        _holds = v => values.Any(value => value is not null && HPSpace.SameValue(value, v));
    }

    /// <summary>Active when the parent's choice satisfies <paramref name="predicate"/>.</summary>
    /// <param name="parent">The name of a <see cref="ChoiceHP"/> in the same search space.</param>
    /// <param name="predicate">Evaluated once per choice of the parent when the search space is built.</param>
    public HPCondition(string parent, Func<object, bool> predicate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parent);
        ArgumentNullException.ThrowIfNull(predicate);
        Parent = parent;
        Values = [];
        _holds = predicate;
    }

    /// <summary>The name of the parent parameter.</summary>
    public string Parent { get; }

    /// <summary>The listed parent values, or empty when the condition is a predicate.</summary>
    public IReadOnlyList<object> Values { get; }

    /// <summary>Whether the condition holds when the parent takes <paramref name="choice"/>.</summary>
    public bool HoldsFor(object choice) => _holds(choice);

    /// <inheritdoc/>
    public override string ToString() => Values.Count > 0
        ? $"{Parent} in {{{string.Join(", ", Values.Select(HPSpace.Text))}}}"
        : $"{Parent} satisfies a predicate";
}
