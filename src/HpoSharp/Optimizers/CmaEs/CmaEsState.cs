using HpoSharp.Trials;

namespace HpoSharp.Optimizers;

/// <summary>
/// The state of <c>cmaes</c> as the replay of its history leaves it: the current run, the generation being sampled and
/// the restart bookkeeping. A generation's members are the first λ complete trials sampled for it (pruned ones too, by
/// their last intermediate value, with <see cref="CmaEsOptions.ConsiderPrunedTrials"/>) and, up to λ/2 of
/// them, injected solutions (Hansen, 2011): trials sampled for the previous generation of the same run and finished after
/// its update (with parallel workers these would otherwise be wasted), and trials this strategy did not suggest
/// (enqueued, added, or from another optimizer), which join the generation being sampled when they finish. Ending a
/// generation updates the run from its members, best first (ties in order of arrival); with
/// <see cref="CmaEsOptions.Elitist"/>, the run's best sample so far (an outside trial beyond the λ/2 included) replaces
/// the worst member whenever no member beats it. When a stopping criterion holds, the next run starts as the restart
/// strategy prescribes, from a uniformly random mean.
/// </summary>
internal sealed class CmaEsState : IGenerationState<CmaEsState>
{
    private const ulong RestartStreams = 0xC3A5_0000_0000_0000UL;

    private readonly CmaEsSetup _setup;
    private double _smallBudget;
    private double _largeBudget;
    private int _largeRuns;
    private bool _smallRegime = true;
    private HashSet<int> _lastMembers = [];
    private bool _lastInSameRun;
    private int _injectedAdmitted;
    private Dictionary<int, double[]> _outsideSamples = [];
    private double[]? _bestSample;
    private double _bestPerf;

    /// <summary>
    /// The initial state: the first run, with the default population, centred with the initial step size and C = I, or
    /// where the initial point or the warm start puts it.
    /// </summary>
    public CmaEsState(CmaEsSetup setup)
    {
        _setup = setup;
        var start = setup.Start;
        Run = start is null
            ? NewRun(setup.Lambda, [.. Enumerable.Repeat(0.5, setup.Coordinates.GaussianCount)], setup.Options.InitialStepSize, null)
            : NewRun(setup.Lambda, [.. start.Mean], start.Sigma, null, start.Covariance);
    }

    private CmaEsState(CmaEsState other)
    {
        _setup = other._setup;
        Run = other.Run.Clone();
        Generation = other.Generation;
        Restart = other.Restart;
        _smallBudget = other._smallBudget;
        _largeBudget = other._largeBudget;
        _largeRuns = other._largeRuns;
        _smallRegime = other._smallRegime;
        _lastMembers = other._lastMembers;
        _lastInSameRun = other._lastInSameRun;
        _injectedAdmitted = other._injectedAdmitted;
        _outsideSamples = other._outsideSamples;
        _bestSample = other._bestSample;
        _bestPerf = other._bestPerf;
    }

    /// <summary>The current run.</summary>
    public CmaRun Run { get; private set; }

    /// <summary>The global number of the generation being sampled (it goes on counting across restarts).</summary>
    public long Generation { get; private set; }

    /// <summary>The number of restarts so far.</summary>
    public int Restart { get; private set; }

    /// <inheritdoc/>
    public int Needed => Run.Parameters.Lambda;

    /// <inheritdoc/>
    public bool Admit(Trial trial)
    {
        if (!CmaEsSetup.IsOurs(trial, _setup.Coordinates.SampleLength))
        {
            return AdmitOutsider(trial);
        }

        var generation = (long)trial.SystemAttributes[CmaEsOptimizer.GenerationAttribute];
        if (generation == Generation)
        {
            return true;
        }

        if (generation != Generation - 1 || !_lastInSameRun || _lastMembers.Contains(trial.Number) || !CanInject())
        {
            return false;
        }

        _injectedAdmitted++;
        return true;
    }

    /// <inheritdoc/>
    public CmaEsState Clone() => new(this);

    /// <inheritdoc/>
    public void Advance(IReadOnlyList<Trial> members)
    {
        var ranked = members.Select((t, arrival) => (Trial: t, Perf: _setup.Perf(t), Arrival: arrival))
            .OrderByDescending(m => m.Perf).ThenBy(m => m.Arrival).ToArray();
        var samples = ranked.Select(m => _outsideSamples.GetValueOrDefault(m.Trial.Number) ?? CmaEsSetup.SampleOf(m.Trial)).ToList();
        var perfs = ranked.Select(m => m.Perf).ToList();
        var injected = ranked.Select(m => _outsideSamples.ContainsKey(m.Trial.Number) || (long)m.Trial.SystemAttributes[CmaEsOptimizer.GenerationAttribute] != Generation).ToList();
        if (_bestSample is null || perfs[0] > _bestPerf)
        {
            (_bestSample, _bestPerf) = (samples[0], perfs[0]);
        }
        else if (_setup.Options.Elitist && _bestPerf > perfs[0])
        {
            samples.RemoveAt(samples.Count - 1);
            perfs.RemoveAt(perfs.Count - 1);
            injected.RemoveAt(injected.Count - 1);
            samples.Insert(0, _bestSample);
            perfs.Insert(0, _bestPerf);
            injected.Insert(0, true);
        }

        Run.Tell(samples, perfs, injected);
        _lastMembers = [.. members.Select(m => m.Number)];
        _injectedAdmitted = 0;
        _outsideSamples = [];
        _lastInSameRun = true;
        Generation++;
        if (Run.StopReason == CmaStopReason.Degenerate || (Run.StopReason != CmaStopReason.None && _setup.Options.Restarts != RestartStrategy.None))
        {
            StartNextRun();
            _lastInSameRun = false;
            _bestSample = null;
        }
    }

    private bool CanInject() => 2 * (_injectedAdmitted + 1) <= Needed;

    /// <summary>
    /// Admits a trial this strategy did not suggest as an injected member while the generation has room for one; with
    /// <see cref="CmaEsOptions.Elitist"/>, one that finds no room still becomes the run's best sample if it beats it.
    /// Its inactive coordinates take the run's mean and most likely choices.
    /// </summary>
    private bool AdmitOutsider(Trial trial)
    {
        if (!CanInject())
        {
            var perf = _setup.Perf(trial);
            if (_setup.Options.Elitist && (_bestSample is null || perf > _bestPerf))
            {
                (_bestSample, _bestPerf) = (SampleOfOutsider(trial), perf);
            }

            return false;
        }

        _outsideSamples = new(_outsideSamples) { [trial.Number] = SampleOfOutsider(trial) };
        _injectedAdmitted++;
        return true;
    }

    private double[] SampleOfOutsider(Trial trial) => _setup.Coordinates.Encode(trial.Params.AsSpan(), Run.MostLikely());

    private void StartNextRun()
    {
        var spent = (double)Run.Generations * Run.Parameters.Lambda;
        if (_smallRegime)
        {
            _smallBudget += spent;
        }
        else
        {
            _largeBudget += spent;
        }

        Restart++;
        var rng = new RandomStream(_setup.Seed, RestartStreams + (ulong)Restart);
        var mean = Enumerable.Range(0, _setup.Coordinates.GaussianCount).Select(_ => rng.NextDouble()).ToArray();
        var sigma0 = _setup.Options.InitialStepSize;
        var increase = _setup.Options.PopulationIncrease;
        _smallRegime = _setup.Options.Restarts == RestartStrategy.Bipop && _smallBudget < _largeBudget;
        if (_setup.Options.Restarts == RestartStrategy.None)
        {
            Run = NewRun(_setup.Lambda, mean, sigma0, null);
        }
        else if (_smallRegime)
        {
            // BIPOP's local regime: a population between the default and the last large one, a step size down to σ₀/100.
            var lambda = (int)Math.Min(CmaEsSetup.MaxLambda, _setup.Lambda * Math.Pow(Math.Pow(increase, _largeRuns), Math.Pow(rng.NextDouble(), 2)));
            var sigma = sigma0 * Math.Pow(0.01, rng.NextDouble());
            Run = NewRun(lambda, mean, sigma, Math.Max(1, (int)(0.5 * _largeBudget / lambda)));
        }
        else
        {
            _largeRuns++;
            Run = NewRun((int)Math.Min(CmaEsSetup.MaxLambda, Math.Round(_setup.Lambda * Math.Pow(increase, _largeRuns))), mean, sigma0, null);
        }
    }

    private CmaRun NewRun(int lambda, double[] mean, double sigma, int? maxGenerations, double[]? covariance = null) =>
        new(_setup.Coordinates, lambda, mean, sigma, maxGenerations, new GaussianVariant(_setup.Options.Separable, _setup.Options.LearningRateAdaptation), covariance);
}
