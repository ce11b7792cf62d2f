using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Optimizers;

/// <summary>
/// <c>mocmaes</c>: the multi-objective CMA-ES (Igel, Hansen and Roth, 2007) in its steady-state form (μ+1). The
/// population is μ elitist (1+1)-CMA-ES individuals; each suggestion is an offspring of a non-dominated member chosen
/// by binary tournament, and each complete offspring competes at once (<see cref="SelectionOrder"/>: non-dominated
/// sorting, then hypervolume contribution). An offspring is a success for the step-size rule when it beats its parent
/// or, as an option, whenever it is selected (the improved rule of Voß, Hansen and Igel, 2010; see
/// <see cref="MoCmaEsSuccess"/>). It starts from μ uniformly random points. With one objective it is a population of
/// elitist (1+1)-CMA-ES whose best member breeds.
/// <list type="bullet">
/// <item>It searches the unit cube of each dimension's search scale, as <c>cmaes</c> does (log ranges in log space);
/// continuous coordinates are repaired onto their bounds.</item>
/// <item>Integer and stepped dimensions: an offspring takes the level whose cell holds its coordinate, and one that would
/// stay on its parent's level is pushed to a neighbouring level often enough that it leaves with probability at least
/// α = 1 - 0.73^(1/M) for M discrete and categorical coordinates (the margin of <c>cmaes</c>, applied to one parent).
/// Categorical dimensions: each switches to another choice, uniformly, with probability α. Inactive conditional
/// dimensions are carried along in every sample and ignored by the trial.</item>
/// <item>Parallel workers never wait: every suggestion is a new offspring; offspring are processed in order of (finish
/// time, trial number), each inheriting its parent's strategy as it stands then (or, if the parent has since been
/// replaced, as it stood when it left). Failed trials are simply not processed.</item>
/// <item>The state is a function of the seed and the history: each trial stores its parent, sample and step as system
/// attributes, and the population is rebuilt by replaying the complete trials.</item>
/// <item>Trials it did not suggest (enqueued, added, or another optimizer's in the same study) compete for a place like
/// offspring, with a new strategy; before the population is full they fill it, in place of random start-up points.</item>
/// </list>
/// </summary>
public sealed class MoCmaEsOptimizer : BaseHPOptimizer
{
    /// <summary>The system attribute holding the trial number of a trial's parent, or -1 for a random start-up point.</summary>
    public const string ParentAttribute = "mocmaes:parent";

    /// <summary>The system attribute holding a trial's sample: its Gaussian coordinates, then its categorical choices.</summary>
    public const string SampleAttribute = "mocmaes:sample";

    /// <summary>The system attribute holding the step an offspring made from its parent, in units of the parent's σ.</summary>
    public const string StepAttribute = "mocmaes:step";

    private readonly CmaCoordinates _coordinates;
    private GenerationReplay<MoCmaEsState>? _replay;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="options">Its options; null for the defaults.</param>
    public MoCmaEsOptimizer(SearchSpace space, MoCmaEsOptions? options = null)
        : base(space)
    {
        Options = options ?? new();
        Options.Validate();
        _coordinates = new CmaCoordinates(space);
    }

    /// <summary>The options in use.</summary>
    public MoCmaEsOptions Options { get; }

    /// <inheritdoc/>
    public override bool SupportsMultiObjective => true;

    private GenerationReplay<MoCmaEsState> Replay => _replay ??= new(
        () => new MoCmaEsState(new MoCmaEsSetup(_coordinates, Options, History)),
        checkpointSpacing: Options.PopulationSize);

    /// <inheritdoc/>
    protected internal override Suggestion? GetSuggestion(int pid)
    {
        var state = Replay.Current(History);
        double[] sample, step;
        long parent = -1;
        if (state.IsFull)
        {
            var chosen = state.ChooseParent(Rng);
            (sample, step) = state.Offspring(chosen, Rng);
            parent = chosen.Number;
        }
        else
        {
            (sample, step) = (RandomSample(), []);
        }

        var suggestion = new Suggestion(_coordinates.Decode(sample));
        suggestion.SystemAttributes[ParentAttribute] = parent;
        suggestion.SystemAttributes[SampleAttribute] = sample;
        suggestion.SystemAttributes[StepAttribute] = step;
        return suggestion;
    }

    /// <inheritdoc/>
    protected internal override void UpdateTrials(int pid, Trial trial, double perf) => Replay.Notify(trial);

    /// <summary>A uniformly random sample: Gaussian coordinates in [0, 1], categorical choices uniform.</summary>
    private double[] RandomSample()
    {
        var sample = new double[_coordinates.SampleLength];
        for (var g = 0; g < _coordinates.GaussianCount; g++)
        {
            sample[g] = Rng.NextDouble();
        }

        for (var c = 0; c < _coordinates.CategoricalCount; c++)
        {
            sample[_coordinates.GaussianCount + c] = Rng.NextInt(_coordinates.CategoryCounts[c]);
        }

        return sample;
    }
}
