using HpoSharp.Execution;

namespace HpoSharp.Optimizers;

/// <summary>How <see cref="CmaEsOptimizer"/> restarts a run that has stopped making progress.</summary>
public enum RestartStrategy
{
    /// <summary>
    /// Never restart: the first run goes on for the whole study, unless it breaks down numerically
    /// (<see cref="CmaStopReason.Degenerate"/>), when a new run with the first population starts from a random mean.
    /// </summary>
    None,

    /// <summary>
    /// IPOP-CMA-ES (Auger and Hansen, 2005): each restart multiplies the population by
    /// <see cref="CmaEsOptions.PopulationIncrease"/>, up to 1,000,000.
    /// </summary>
    Ipop,

    /// <summary>
    /// BIPOP-CMA-ES (Hansen, 2009): restarts alternate between a regime of increasing populations, as IPOP, and one of
    /// small populations with small random step sizes, whichever has used fewer evaluations so far. The first run's
    /// evaluations count towards the small regime, as in the <c>cmaes</c> package behind Optuna's sampler (DEAP's
    /// example counts them towards neither), so the first restart takes the large regime.
    /// </summary>
    Bipop,
}

/// <summary>Options of <see cref="CmaEsOptimizer"/>.</summary>
public sealed class CmaEsOptions : OptimizerOptions
{
    /// <summary>
    /// The population size λ of the first run: the number of finished samples that make one generation (complete ones,
    /// and pruned ones with <see cref="ConsiderPrunedTrials"/>). Null (the
    /// default) for 4 + ⌊3 ln n⌋ with n the number of searched dimensions (categorical ones included), the standard choice.
    /// At most 1,000,000, which also bounds the populations of restarts.
    /// </summary>
    public int? PopulationSize { get; init; }

    /// <summary>
    /// The initial step size σ₀, as a fraction of each dimension's range in its search scale (the logarithm for log
    /// ranges). Default 1/6: the first samples spread over the whole range around its centre, three standard deviations
    /// reaching the bounds.
    /// </summary>
    public double InitialStepSize { get; init; } = 1 / 6.0;

    /// <summary>
    /// Whether the best sample of the current run takes the place of a generation's worst member whenever no member beats
    /// it (pycma's elitist option, the sample being treated as an injected solution). Default true: it speeds up the
    /// small-budget searches of hyper-parameter tuning; set false for the classic, non-elitist strategy, which explores
    /// very rugged landscapes better when the budget is large.
    /// </summary>
    public bool Elitist { get; init; } = true;

    /// <summary>The restart strategy. Default <see cref="RestartStrategy.Bipop"/>.</summary>
    public RestartStrategy Restarts { get; init; } = RestartStrategy.Bipop;

    /// <summary>
    /// The factor by which IPOP (and BIPOP's large regime) multiplies the population at each restart, up to 1,000,000.
    /// Default 2.
    /// </summary>
    public double PopulationIncrease { get; init; } = 2;

    /// <summary>
    /// Whether each run keeps C diagonal, as sep-CMA-ES (Ros and Hansen, 2008) does: it learns one variance per dimension,
    /// (n + 2)/3 times faster than the full matrix, and no correlations. Default false. It pays off in many dimensions that
    /// interact little; a warm start then fits only the variances. It saves time too: C is stored as its diagonal, so
    /// memory, sampling and the update cost O(n) per sample instead of O(n²) and an O(n³) eigendecomposition.
    /// </summary>
    public bool Separable { get; init; }

    /// <summary>
    /// Whether each run adapts the learning rates of its mean and covariance to the signal-to-noise ratio of their
    /// updates, as LRA-CMA-ES (Nomura, Akimoto and Ono, 2023) does. Default false. It lets the default population cope
    /// with noisy and multimodal objectives, at the price of slower progress where the plain strategy already does well
    /// and an eigendecomposition every generation. On a noisy objective, also set <see cref="Elitist"/> to false: an
    /// elitist run keeps a sample whose value was lucky.
    /// </summary>
    public bool LearningRateAdaptation { get; init; }

    /// <summary>
    /// Whether a pruned trial counts as a member of its generation, ranked by its last intermediate value as if that
    /// were its final value (Optuna's <c>consider_pruned_trials</c>); one that reported no intermediate value, or whose
    /// last one is NaN or infinite, never counts. Default false: pruned trials take no part, and the generation waits
    /// for complete ones, which leaves it waiting long when the pruner stops most trials.
    /// </summary>
    public bool ConsiderPrunedTrials { get; init; }

    /// <summary>
    /// Where the first run's mean starts (Optuna's <c>x0</c>): a configuration of the search space as the objective would
    /// receive it, by parameter name, with the same rules as <c>Study.Enqueue</c> (every active parameter given, inactive
    /// ones left out). Its inactive dimensions start at the centre, and categorical dimensions keep their uniform start.
    /// Null (the default) for the centre of every range. It cannot be combined with <see cref="WarmStartFrom"/>, which
    /// places the first run itself.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? InitialPoint { get; init; }

    /// <summary>
    /// An earlier single-objective study, such as the result of its <c>Optimize</c> or <c>Study.GetResult()</c>, for the
    /// warm start of WS-CMA-ES (Nomura et al., 2021): the first run starts from the Gaussian that best fits the best
    /// <see cref="WarmStartTopShare"/> of its complete trials with a finite value (best by that study's direction)
    /// instead of the centre, <see cref="InitialStepSize"/> and C = I; restarts start as without it. Its search space
    /// must have the same parameters as this one (matched by name, in any order), and each of those trials' values must
    /// be valid here. Categorical dimensions keep their uniform start (the method is made for continuous spaces); integer
    /// and stepped ones take part in the Gaussian. Null (the default) for no warm start.
    /// </summary>
    public StudyResult? WarmStartFrom { get; init; }

    /// <summary>
    /// The share γ of the usable trials of <see cref="WarmStartFrom"/> that the warm start fits: the best ⌈γ N⌉ of N,
    /// at least one. Default 0.1. The cmaes package's <c>get_warm_start_mgd</c> (which Optuna's <c>source_trials</c> use)
    /// takes ⌊γ N⌋ instead and refuses a source study where that is 0: the two fit the same trials when γ N is a whole
    /// number, and this takes one trial more otherwise (3 of 25 for γ = 0.1, where the package takes 2).
    /// </summary>
    public double WarmStartTopShare { get; init; } = 0.1;

    /// <summary>
    /// The spread α of the warm start, as a fraction of each dimension's range in its search scale: the standard
    /// deviation of the Gaussian put around each of the best trials, and so the least step size of the first run.
    /// Default 0.1; at most 1, the whole range (as for <see cref="InitialStepSize"/>).
    /// </summary>
    public double WarmStartSpread { get; init; } = 0.1;

    /// <inheritdoc/>
    public override void Validate()
    {
        Require(PopulationSize is null or (>= 4 and <= CmaEsSetup.MaxLambda), nameof(PopulationSize), PopulationSize, "at least 4 and at most 1000000, or null for the default");
        Require(double.IsFinite(InitialStepSize) && InitialStepSize > 0 && InitialStepSize <= 1, nameof(InitialStepSize), InitialStepSize, "a number in (0, 1]");
        Require(Enum.IsDefined(Restarts), nameof(Restarts), Restarts, "None, Ipop or Bipop");
        Require(double.IsFinite(PopulationIncrease) && PopulationIncrease > 1, nameof(PopulationIncrease), PopulationIncrease, "a number greater than 1");
        Require(double.IsFinite(WarmStartTopShare) && WarmStartTopShare > 0 && WarmStartTopShare <= 1, nameof(WarmStartTopShare), WarmStartTopShare, "a number in (0, 1]");
        Require(double.IsFinite(WarmStartSpread) && WarmStartSpread > 0 && WarmStartSpread <= 1, nameof(WarmStartSpread), WarmStartSpread, "a number in (0, 1]");
        Require(InitialPoint is null || WarmStartFrom is null, nameof(InitialPoint), "given", $"null when {nameof(WarmStartFrom)} is given, which places the first run itself");
    }
}
