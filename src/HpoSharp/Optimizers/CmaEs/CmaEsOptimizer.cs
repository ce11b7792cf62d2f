using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Optimizers;

/// <summary>
/// <c>cmaes</c>: the covariance matrix adaptation evolution strategy (Hansen's tutorial, 2016) with weighted
/// recombination and active (negative) weights, cumulative step-size adaptation, rank-one and rank-μ updates of C and an
/// eigendecomposition refreshed lazily, extended to every kind of dimension and restarted when it stagnates.
/// <list type="bullet">
/// <item>It searches the unit cube of each dimension's search scale (log ranges in log space), from its centre (or
/// <see cref="CmaEsOptions.InitialPoint"/>), with step size <see cref="CmaEsOptions.InitialStepSize"/>. By default it is
/// elitist within a run (<see cref="CmaEsOptions.Elitist"/>): the run's best sample stands in for the worst member of any
/// generation that does not beat it.</item>
/// <item>Bounds are respected exactly by repair: a sample outside [0, 1] in a continuous dimension is clipped onto the
/// bound, and the clipped point is what is evaluated and what the update sees, its step shortened to a typical
/// Mahalanobis length as for an injected solution (Hansen, 2011).</item>
/// <item>Integer and stepped dimensions take the level whose cell holds the sample, with the margin of CMA-ES with
/// Margin (Hamano et al., 2022) in the form of CatCMA with Margin (2025), so that the search never freezes on a level.
/// Categorical dimensions get categorical distributions learnt jointly with the Gaussian, as in CatCMA (2024) and CatCMA
/// with Margin when integers are present too, never a rounded index.</item>
/// <item>Conditional parameters: every dimension is searched in every sample; the study drops the inactive ones from
/// the trial, and the update still uses the whole sample (an inactive dimension drifts as its value does not matter).</item>
/// <item>Warm start (WS-CMA-ES, Nomura et al., 2021): given an earlier, similar study
/// (<see cref="CmaEsOptions.WarmStartFrom"/>), the first run starts from the Gaussian closest in KL divergence to a
/// mixture of small Gaussians (<see cref="CmaEsOptions.WarmStartSpread"/>) around the best share of its trials
/// (<see cref="CmaEsOptions.WarmStartTopShare"/>): its mean, step size and covariance; categorical dimensions still start
/// uniform.</item>
/// <item>When a run stops (see <see cref="CmaStopReason"/>) the next one starts from a uniformly random mean with a
/// population as <see cref="CmaEsOptions.Restarts"/> prescribes (BIPOP by default; with
/// <see cref="RestartStrategy.None"/> a run stops only when it breaks down numerically).</item>
/// <item>Parallel workers: every suggestion is a fresh sample of the current distribution, so a worker never waits;
/// the first λ finished members of a generation (complete, or pruned with <see cref="CmaEsOptions.ConsiderPrunedTrials"/>),
/// in order of (finish time, trial number), update it. Members of the
/// previous generation that finish after its update count towards the next one (up to λ/2, as injected solutions
/// whose steps are shortened), so that few results are wasted; failed and pruned members do not count, so more are
/// sampled in their place (unless <see cref="CmaEsOptions.ConsiderPrunedTrials"/> ranks pruned ones by their last
/// intermediate value).</item>
/// <item>The state is a function of the seed and the history: each suggested trial stores its generation, run and sample
/// as system attributes, and the distribution is rebuilt by replaying the generations (incrementally, in
/// <see cref="GenerationReplay{TState}"/>).</item>
/// <item>Trials it did not suggest (enqueued, added, or another optimizer's in the same study) join the generation being
/// sampled when they finish, as injected solutions (Hansen, 2011) whose steps are shortened, within the same λ/2 as late
/// members; inactive dimensions take the mean and the most likely choices. So a good configuration enqueued or added
/// pulls the search towards it, and with elitism the best of them is kept as the run's best sample.</item>
/// </list>
/// </summary>
public sealed class CmaEsOptimizer : BaseHPOptimizer
{
    /// <summary>The system attribute holding the global generation number a trial was sampled in.</summary>
    public const string GenerationAttribute = "cmaes:generation";

    /// <summary>The system attribute holding the number of the run (0 for the first, then one per restart) a trial was sampled in.</summary>
    public const string RestartAttribute = "cmaes:restart";

    /// <summary>The system attribute holding a trial's sample: its Gaussian coordinates, then its categorical choices.</summary>
    public const string SampleAttribute = "cmaes:sample";

    private readonly CmaCoordinates _coordinates;
    private readonly GaussianStart? _start;
    private GenerationReplay<CmaEsState>? _replay;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="options">Its options; null for the defaults.</param>
    public CmaEsOptimizer(SearchSpace space, CmaEsOptions? options = null)
        : base(space)
    {
        Options = options ?? new();
        Options.Validate();
        _coordinates = new CmaCoordinates(space);
        _start = GaussianStart.Of(Options, space, _coordinates);
    }

    /// <summary>The options in use.</summary>
    public CmaEsOptions Options { get; }

    private GenerationReplay<CmaEsState> Replay => _replay ??= new(
        () => new CmaEsState(new CmaEsSetup(_coordinates, Options, Seed, Options.PopulationSize ?? CmaEsSetup.DefaultLambda(_coordinates.SampleLength), History, _start)),
        trial => CmaEsSetup.Counts(trial, Options));

    /// <inheritdoc/>
    protected internal override Suggestion? GetSuggestion(int pid)
    {
        var state = Replay.Current(History);
        var sample = state.Run.Sample(Rng);
        var suggestion = new Suggestion(_coordinates.Decode(sample));
        suggestion.SystemAttributes[GenerationAttribute] = state.Generation;
        suggestion.SystemAttributes[RestartAttribute] = (long)state.Restart;
        suggestion.SystemAttributes[SampleAttribute] = sample;
        return suggestion;
    }

    /// <inheritdoc/>
    protected internal override void UpdateTrials(int pid, Trial trial, double perf) => Replay.Notify(trial);
}
