using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <summary>
/// <c>tpe</c>: the Tree-structured Parzen Estimator (Bergstra et al., 2011), with the refinements of Optuna and of
/// Watanabe (2023). After <see cref="TpeOptions.StartupTrials"/> random trials, each suggestion splits the finished trials
/// into good and bad ones, fits a Parzen estimator to each side (l for good, g for bad; kernels truncated to the bounds,
/// plus a prior kernel), draws <see cref="TpeOptions.Candidates"/> candidates from l and keeps the one with the largest
/// log l(x) − log g(x). Dimensions are modelled jointly or one by one (<see cref="TpeOptions.Multivariate"/>); a
/// conditional parameter is modelled from the trials in which it was active, after its parent has been chosen.
/// <para>
/// Parallel workers: with <see cref="TpeOptions.ConstantLiar"/>, trials still running count as bad ones, so concurrent
/// suggestions spread out. Pruned trials are ranked after all complete ones (by the last step they reached, then their
/// last intermediate value); failed, timed-out and cancelled trials are ignored.
/// </para>
/// <para>
/// Multi-objective studies run as MOTPE (Ozaki et al., 2020 and 2022): the good trials are whole non-domination fronts
/// plus a hypervolume-greedy subset of the front that straddles the good count, weighted by their hypervolume
/// contributions (see <see cref="TpeOptions.MultiObjectiveWeightExponent"/>); dimensions are modelled one by one unless
/// <see cref="TpeOptions.MultiObjectiveMultivariate"/>; the rest is as above.
/// </para>
/// </summary>
public sealed class TpeOptimizer : BaseHPOptimizer
{
    private readonly (int[][] Groups, KernelDimension[][] Dimensions) _singleObjective;
    private readonly (int[][] Groups, KernelDimension[][] Dimensions) _multiObjective;
    private readonly TpeObservations _observations;
    private readonly TpeSplit _split;
    private readonly ParzenEstimator _good = new();
    private readonly ParzenEstimator _bad = new();
    private readonly TruncationMemo _memo;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="options">Its options; null for the defaults.</param>
    public TpeOptimizer(SearchSpace space, TpeOptions? options = null)
        : base(space)
    {
        Options = options ?? new();
        Options.Validate();
        var dimensions = space.Dimensions.Select((d, i) => new KernelDimension(d, i)).ToArray();
        _singleObjective = Grouped(space, dimensions, Options.Multivariate);
        _multiObjective = Grouped(space, dimensions, Options.MultiObjectiveMultivariate);
        _observations = new TpeObservations(dimensions);
        _split = new TpeSplit(_observations, Options);
        _memo = new TruncationMemo(dimensions.Length);
    }

    /// <summary>The options in use.</summary>
    public TpeOptions Options { get; }

    /// <inheritdoc/>
    public override bool SupportsMultiObjective => true;

    /// <inheritdoc/>
    protected internal override Suggestion? GetSuggestion(int pid)
    {
        _observations.Refresh(History);
        if (_observations.Count < Options.StartupTrials)
        {
            return RandomOptimizer.Sample(Space, Rng);
        }

        var (groups, groupDimensions) = History.IsMultiObjective ? _multiObjective : _singleObjective;
        var x = new double[Space.Dimensions.Count];
        Array.Fill(x, double.NaN);
        for (var g = 0; g < groups.Length; g++)
        {
            if (Space.IsActive(groups[g][0], x))
            {
                SuggestGroup(groups[g], groupDimensions[g], x);
            }
        }

        return x;
    }

    /// <summary>The groups of dimensions modelled together (jointly or one by one) and their kernel dimensions.</summary>
    private static (int[][] Groups, KernelDimension[][] Dimensions) Grouped(SearchSpace space, KernelDimension[] dimensions, bool multivariate)
    {
        var groups = DimensionGroups.Of(space, multivariate);
        return (groups, [.. groups.Select(g => g.Select(d => dimensions[d]).ToArray())]);
    }

    /// <summary>Chooses the values of <paramref name="group"/>: the candidate from l with the largest log l − log g.</summary>
    private void SuggestGroup(int[] group, KernelDimension[] dimensions, double[] x)
    {
        if (_split.Split(group) is not var (goodSide, badSide))
        {
            foreach (var d in group)
            {
                x[d] = Space.Dimensions[d].FromUnit(Rng.NextDouble());
            }

            return;
        }

        _good.Fit(dimensions, goodSide, Options, _memo);
        _bad.Fit(dimensions, badSide, Options, _memo);
        var count = Options.Candidates;
        var candidates = new double[count * group.Length];
        _good.Sample(Rng, count, candidates);
        var logGood = new double[count];
        var logBad = new double[count];
        _good.LogPdf(candidates, count, logGood);
        _bad.LogPdf(candidates, count, logBad);
        var best = 0;
        for (var i = 1; i < count; i++)
        {
            best = logGood[i] - logBad[i] > logGood[best] - logBad[best] ? i : best;
        }

        for (var j = 0; j < group.Length; j++)
        {
            x[group[j]] = candidates[(best * group.Length) + j];
        }
    }
}
