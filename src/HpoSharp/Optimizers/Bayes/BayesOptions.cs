namespace HpoSharp.Optimizers;

/// <summary>Options of <see cref="BayesOptimizer"/>.</summary>
public sealed class BayesOptions : OptimizerOptions
{
    /// <summary>The largest <see cref="Candidates"/>: every candidate is held in memory at once during a suggestion.</summary>
    public const int MaxCandidates = 1_000_000;

    /// <summary>
    /// The number of complete trials before the model is used; until then the suggestions are scrambled Sobol points
    /// (default 10, whatever the dimension, so that the model starts early). At least 1.
    /// </summary>
    public int StartupTrials { get; init; } = 10;

    /// <summary>
    /// The number of Sobol candidates at which the acquisition function is evaluated before local refinement (default 2048,
    /// at most <see cref="MaxCandidates"/>).
    /// </summary>
    public int Candidates { get; init; } = 2048;

    /// <summary>The number of local searches that refine the most promising candidates (default 10).</summary>
    public int LocalSearches { get; init; } = 10;

    /// <summary>
    /// The number of starts of each kernel fit besides the previous fit, while there are at most
    /// <see cref="RestartTrialLimit"/> complete trials: the priors' modes, then random draws (default 3). Beyond that
    /// limit a fit starts from the previous fit only.
    /// </summary>
    public int FitRestarts { get; init; } = 3;

    /// <summary>The number of complete trials up to which kernel fits restart (<see cref="FitRestarts"/>) (default 100).</summary>
    public int RestartTrialLimit { get; init; } = 100;

    /// <summary>
    /// Beyond <see cref="RestartTrialLimit"/> complete trials, the kernel is refitted only when their number has grown by
    /// this fraction since the last fit (default 0.05); in between, the fit stored on the latest trial is reused.
    /// </summary>
    public double RefitGrowth { get; init; } = 0.05;

    /// <summary>
    /// The largest number of complete trials the model is conditioned on (default 300), since a suggestion costs about the
    /// square of this number and a fit its cube. Beyond it, the model keeps the best half of this number and the others
    /// evenly spaced in trial order.
    /// </summary>
    public int MaxModelTrials { get; init; } = 300;

    /// <summary>
    /// The largest number of complete trials the kernel's hyper-parameters are fitted on (default 150), chosen as for
    /// <see cref="MaxModelTrials"/>; the model itself is then conditioned on up to <see cref="MaxModelTrials"/> trials.
    /// </summary>
    public int MaxFitTrials { get; init; } = 150;

    /// <inheritdoc/>
    public override void Validate()
    {
        Require(StartupTrials >= 1, nameof(StartupTrials), StartupTrials, "at least 1");
        Require(Candidates is >= 1 and <= MaxCandidates, nameof(Candidates), Candidates, FormattableString.Invariant($"at least 1 and at most {MaxCandidates}"));
        Require(LocalSearches >= 1, nameof(LocalSearches), LocalSearches, "at least 1");
        Require(FitRestarts >= 0, nameof(FitRestarts), FitRestarts, "at least 0");
        Require(RestartTrialLimit >= 0, nameof(RestartTrialLimit), RestartTrialLimit, "at least 0");
        Require(MaxModelTrials >= 2, nameof(MaxModelTrials), MaxModelTrials, "at least 2");
        Require(RefitGrowth >= 0 && double.IsFinite(RefitGrowth), nameof(RefitGrowth), RefitGrowth, "a finite number >= 0");
        Require(MaxFitTrials >= 2, nameof(MaxFitTrials), MaxFitTrials, "at least 2");
    }
}
