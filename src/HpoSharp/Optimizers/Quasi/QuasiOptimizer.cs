using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <summary>Options of <see cref="QuasiOptimizer"/>.</summary>
public sealed class QuasiOptions : OptimizerOptions
{
    /// <summary>Scramble the Sobol sequence from the study's seed, so that every seed sees different points (default true).</summary>
    public bool Scramble { get; init; } = true;
}

/// <summary>
/// <c>quasi</c>: a Sobol sequence (Joe–Kuo direction numbers) scrambled from the study's seed, mapped dimension by
/// dimension with <see cref="Dimension.FromUnit"/>. Its points are indexed by its own counter, kept on each trial
/// it suggests, so enqueued trials do not consume points and every power-of-two block of suggestions stays stratified.
/// </summary>
public sealed class QuasiOptimizer : BaseHPOptimizer
{
    /// <summary>The trial attribute holding the index of the Sobol point a trial received.</summary>
    public const string IndexAttribute = "quasi:index";

    private SobolSequence? _sequence;
    private int _scanned;
    private long _nextIndex;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="space">The search space, of at most <see cref="SobolSequence.MaxDimensions"/> dimensions.</param>
    /// <param name="options">Its options.</param>
    public QuasiOptimizer(SearchSpace space, QuasiOptions? options = null)
        : base(space)
    {
        Options = options ?? new();
        SobolSequence.CheckCovers(space, "quasi");
    }

    /// <summary>The options in use.</summary>
    public QuasiOptions Options { get; }

    /// <inheritdoc/>
    public override bool SupportsMultiObjective => true;

    /// <inheritdoc/>
    protected internal override Suggestion? GetSuggestion(int pid)
    {
        var dimensions = Space.Dimensions;
        if (dimensions.Count == 0)
        {
            return Array.Empty<double>();
        }

        _sequence ??= new SobolSequence(dimensions.Count, Options.Scramble ? new RandomStream(Seed, ulong.MaxValue) : null);
        for (; _scanned < History.Count; _scanned++)
        {
            if (History[_scanned].SystemAttributes.TryGetValue(IndexAttribute, out var index))
            {
                _nextIndex = Math.Max(_nextIndex, (long)index + 1);
            }
        }

        var x = new double[dimensions.Count];
        _sequence.Point(_nextIndex, x);
        for (var d = 0; d < x.Length; d++)
        {
            x[d] = Space.IsActive(d, x) ? dimensions[d].FromUnit(x[d]) : double.NaN;
        }

        var suggestion = new Suggestion(x);
        suggestion.SystemAttributes[IndexAttribute] = _nextIndex;
        return suggestion;
    }
}
