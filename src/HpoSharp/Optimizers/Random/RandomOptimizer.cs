using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <summary>Options of <see cref="RandomOptimizer"/>.</summary>
public sealed class RandomOptions : OptimizerOptions
{
}

/// <summary>
/// <c>random</c>: each dimension drawn independently and uniformly in its encoded form: uniform over real ranges,
/// log-uniform over log ranges, equally likely over steps, linear integers and choices.
/// </summary>
/// <param name="space">The search space.</param>
/// <param name="options">Its options (random has none today).</param>
public sealed class RandomOptimizer(SearchSpace space, RandomOptions? options = null) : BaseHPOptimizer(space)
{
    /// <summary>The options in use.</summary>
    public RandomOptions Options { get; } = options ?? new();

    /// <inheritdoc/>
    public override bool SupportsMultiObjective => true;

    /// <summary>A configuration with every dimension drawn from <see cref="Dimension.FromUnit"/> of a uniform point, inactive ones NaN.</summary>
    public static double[] Sample(SearchSpace space, RandomStream rng)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(rng);
        var x = new double[space.Dimensions.Count];
        for (var d = 0; d < x.Length; d++)
        {
            x[d] = space.IsActive(d, x) ? space.Dimensions[d].FromUnit(rng.NextDouble()) : double.NaN;
        }

        return x;
    }

    /// <inheritdoc/>
    protected internal override Suggestion? GetSuggestion(int pid) => Sample(Space, Rng);
}
