namespace HpoSharp.Space;

/// <summary>A condition resolved against a search space: the dimension is active only when categorical dimension <see cref="Parent"/> takes an allowed index.</summary>
/// <param name="Parent">The index of the parent's categorical dimension in the search space.</param>
/// <param name="Allowed">For each of the parent's choice indices, whether it activates the dimension.</param>
public sealed record DimensionCondition(int Parent, IReadOnlyList<bool> Allowed)
{
    /// <summary>Whether the condition holds in <paramref name="encoded"/> (false when the parent is itself inactive).</summary>
    public bool Holds(ReadOnlySpan<double> encoded)
    {
        var parent = encoded[Parent];
        return !double.IsNaN(parent) && Allowed[(int)parent];
    }
}
