using System.Collections.Immutable;
using System.Security.Cryptography;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;
using Microsoft.Extensions.Logging;

namespace HpoSharp.Execution;

/// <summary>
/// One optimization: an optimizer, its trials in an <see cref="ITrialStore"/>, and the ways to run them —
/// <see cref="Optimize(Objective, object?, CancellationToken)"/> with parallel workers and limits, or
/// <see cref="Ask"/> and <see cref="Tell(int, double)"/> when the evaluations run elsewhere. Thread-safe.
/// </summary>
public sealed partial class Study
{
    /// <summary>The user attribute that keeps a result which arrived after its trial timed out or was cancelled.</summary>
    public const string LateValuesAttribute = "late_values";

    private readonly Lock _gate = new();
    private readonly Lock _callbackGate = new();
    private readonly BaseHPOptimizer _optimizer;
    private readonly ITrialStore _store;
    private readonly List<Trial> _trials = [];
    private readonly List<bool> _finishSeen = [];
    private readonly List<bool> _evaluationCounted = [];
    private readonly Dictionary<int, TrialContext> _contexts = [];
    private readonly Dictionary<int, object> _artifacts = [];
    private readonly List<Trial> _unreported = [];
    private readonly Queue<(Trial Trial, bool IsNewBest)> _toReport = new();
    private bool _reporting;
    private readonly TrialHistory _history;
    private long _version = -1;
    private int _evaluations;

    /// <summary>Creates a study, loading the trials already in <see cref="StudyOptions.Store"/> (a resumed study).</summary>
    /// <param name="optimizer">The algorithm; an instance serves one study.</param>
    /// <param name="options">How the study runs; null for the defaults.</param>
    public Study(BaseHPOptimizer optimizer, StudyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Options = options ?? new();
        Options.Validate();
        _optimizer = optimizer;
        _store = Options.Store ?? new InMemoryTrialStore();
        Seed = Options.Seed ?? BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        _history = new TrialHistory(_trials, Options.EffectiveDirections);
        optimizer.Attach(_history, Seed);
        optimizer.SetUp(Options.MaxParallelism, Options.TimeLimit, Options.MemoryLimit);
        lock (_gate)
        {
            Synchronize();
            _unreported.Clear();
        }
    }

    /// <summary>The options the study runs with.</summary>
    public StudyOptions Options { get; }

    /// <summary>The search space.</summary>
    public SearchSpace Space => _optimizer.Space;

    /// <summary>The seed of every random choice: the one given, or the one drawn.</summary>
    public ulong Seed { get; }

    /// <summary>The direction of each objective.</summary>
    public IReadOnlyList<Direction> Directions => _history.Directions;

    /// <summary>Why the last call of <c>Optimize</c> ended.</summary>
    public StopReason StopReason { get; private set; }

    /// <summary>A snapshot of every trial, by number.</summary>
    public IReadOnlyList<Trial> Trials
    {
        get
        {
            lock (_gate)
            {
                Synchronize();
                return [.. _trials];
            }
        }
    }

    /// <summary>
    /// The best trial as the optimizer judges it (<see cref="BaseHPOptimizer.BestHp"/>); null while none is complete,
    /// and in a multi-objective study, whose best trials are the <see cref="ParetoFront"/>.
    /// </summary>
    public Trial? BestTrial
    {
        get
        {
            lock (_gate)
            {
                Synchronize();
                return _optimizer.BestHp();
            }
        }
    }

    /// <summary>The complete trials that no other complete trial dominates (for one objective, the best ones).</summary>
    public IReadOnlyList<Trial> ParetoFront
    {
        get
        {
            lock (_gate)
            {
                Synchronize();
                return Pareto.Front(_history);
            }
        }
    }

    /// <summary>
    /// Starts a trial for worker <paramref name="worker"/>: the oldest enqueued configuration, else the optimizer's
    /// suggestion. Report its outcome with <see cref="Tell(int, double)"/>. Throws when the optimizer has nothing left to suggest.
    /// </summary>
    public TrialContext Ask(int worker = 0) =>
        TryAsk(out var trial, worker) ? trial : throw new InvalidOperationException("The optimizer has nothing left to suggest: the search space is exhausted.");

    /// <summary>Like <see cref="Ask"/>, but returns false when the optimizer has nothing left to suggest.</summary>
    public bool TryAsk([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TrialContext? trial, int worker = 0)
    {
        lock (_gate)
        {
            trial = StartTrial(worker, dataset: null);
            return trial is not null;
        }
    }

    /// <summary>Reports the value of a trial started by <see cref="Ask"/>; NaN or an infinity fails it.</summary>
    public void Tell(int number, double value) => Tell(number, [value]);

    /// <summary>Reports the values of a trial of a multi-objective study, one per direction.</summary>
    public void Tell(int number, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CompleteOrThrow(number, TrialState.Complete, [.. values], null);
    }

    /// <summary>Reports that a trial started by <see cref="Ask"/> ended without a value: failed, pruned, timed out or cancelled.</summary>
    public void Tell(int number, TrialState state, string? error = null)
    {
        if (state is TrialState.Complete or TrialState.Waiting or TrialState.Running)
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Tell a state of Failed, Pruned, TimedOut or Cancelled; tell a value to complete a trial.");
        }

        CompleteOrThrow(number, state, [], error);
    }

    /// <summary>Enqueues a configuration to be evaluated before the optimizer's suggestions; returns its trial number.</summary>
    /// <param name="hyperParameters">Values by parameter name, as the objective would receive them; fixed parameters may be omitted.</param>
    public int Enqueue(IReadOnlyDictionary<string, object?> hyperParameters)
    {
        var encoded = Space.Encode(hyperParameters);
        lock (_gate)
        {
            var trial = _store.CreateTrial(new Trial { State = TrialState.Waiting, Origin = TrialOrigin.Enqueued, Params = [.. encoded] });
            Synchronize();
            return trial.Number;
        }
    }

    /// <summary>Adds a trial evaluated elsewhere (warm start); the optimizer learns from it like from its own.</summary>
    public Trial AddTrial(IReadOnlyDictionary<string, object?> hyperParameters, double value) => AddTrial(hyperParameters, [value]);

    /// <summary>Adds a multi-objective trial evaluated elsewhere, with one value per direction.</summary>
    public Trial AddTrial(IReadOnlyDictionary<string, object?> hyperParameters, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (ValueFault([.. values], "The added trial has") is { } fault)
        {
            throw new ArgumentException(fault, nameof(values));
        }

        var encoded = Space.Encode(hyperParameters);
        var now = Options.TimeProvider.GetUtcNow();
        var trial = _store.CreateTrial(new Trial
        {
            State = TrialState.Complete,
            Origin = TrialOrigin.Added,
            Params = [.. encoded],
            Values = [.. values],
            Started = now,
            Finished = now,
        });
        AfterFinish();
        return trial;
    }

    /// <summary>The typed hyper-parameters of <paramref name="trial"/>, as its objective saw them.</summary>
    public HyperParameters HyperParametersOf(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Space.Decode(trial.Params.AsSpan());
    }

    /// <summary>A snapshot of the study: its trials, its best configuration, value and artifact, and why it stopped.</summary>
    public StudyResult GetResult()
    {
        lock (_gate)
        {
            Synchronize();
            var best = _optimizer.BestHp();
            return new StudyResult(
                [.. _trials],
                best,
                best is null ? null : Space.Decode(best.Params.AsSpan()),
                new Dictionary<int, object>(_artifacts),
                Pareto.Front(_history),
                StopReason,
                Seed,
                Space,
                Directions,
                Options.ObjectiveNames);
        }
    }

    /// <summary>Records an intermediate value of a running trial.</summary>
    internal void Report(int number, long step, double value) => _store.ReportIntermediateValue(number, step, value);

    /// <summary>Sets a user attribute of a trial.</summary>
    internal void SetAttribute(int number, string key, object value) => _store.SetAttribute(number, key, value, system: false);

    /// <summary>Asks the pruner about a running trial.</summary>
    internal bool ShouldPrune(int number)
    {
        lock (_gate)
        {
            Synchronize();
            return Options.Pruner.ShouldPrune(_trials[number], _history);
        }
    }

    /// <summary>Starts a trial (enqueued first, else suggested) under the gate; null when the optimizer is exhausted.</summary>
    private TrialContext? StartTrial(int worker, object? dataset)
    {
        Synchronize();
        var now = Options.TimeProvider.GetUtcNow();
        var trial = _store.ClaimWaitingTrial(worker, now);
        if (trial is null)
        {
            var suggestion = _optimizer.Suggest(worker);
            if (suggestion is null)
            {
                return null;
            }

            var encoded = (double[])suggestion.Params.Clone();
            Space.ApplyConditions(encoded);
            try
            {
                Space.Validate(encoded);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"{_optimizer.GetType().Name} suggested an invalid configuration: {e.Message}", e);
            }

            trial = _store.CreateTrial(new Trial
            {
                State = TrialState.Running,
                Origin = TrialOrigin.Suggested,
                Params = [.. encoded],
                Worker = worker,
                Started = now,
                Heartbeat = now,
                SystemAttributes = suggestion.SystemAttributes.ToImmutableDictionary(kv => kv.Key, kv => AttributeValue.Normalize(kv.Key, kv.Value)),
            });
        }

        Synchronize();
        var context = new TrialContext(this, trial.Number, worker, Space.Decode(trial.Params.AsSpan()), dataset, CancellationToken.None);
        _contexts[trial.Number] = context;
        return context;
    }

    /// <summary>Finishes a trial started by <see cref="Ask"/>, throwing when it is unknown or already finished.</summary>
    private void CompleteOrThrow(int number, TrialState state, double[] values, string? error)
    {
        Trial trial;
        lock (_gate)
        {
            Synchronize();
            if (number < 0 || number >= _trials.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(number), number, $"There is no trial {number}; the study has {_trials.Count}.");
            }

            trial = _trials[number];
        }

        if (trial.IsFinished || !Finish(number, state, values, error))
        {
            throw new InvalidOperationException($"Trial {number} is already finished ({_trials[number].State}).");
        }
    }

    /// <summary>
    /// Finishes a trial once: a complete trial whose values are not one finite number per direction fails instead.
    /// Returns false when the trial was already finished; a complete result is then kept as <see cref="LateValuesAttribute"/>.
    /// </summary>
    private bool Finish(int number, TrialState state, double[] values, string? error)
    {
        if (state == TrialState.Complete && ValueFault(values, "The objective returned") is { } fault)
        {
            (state, values, error) = (TrialState.Failed, [], fault);
        }

        if (!_store.FinishTrial(number, state, state == TrialState.Complete ? [.. values] : [], error, Options.TimeProvider.GetUtcNow()))
        {
            if (state == TrialState.Complete)
            {
                _store.SetAttribute(number, LateValuesAttribute, values, system: false);
            }

            return false;
        }

        AfterFinish();
        return true;
    }

    /// <summary>
    /// Synchronizes, takes the artifacts of newly finished trials from their contexts, releases every artifact but those
    /// of the best trials, and reports the finished trials to the log and the callback, one call at a time, in order.
    /// </summary>
    private void AfterFinish()
    {
        List<Trial> finished;
        int? best;
        lock (_gate)
        {
            Synchronize();
            finished = [.. _unreported];
            _unreported.Clear();
            foreach (var trial in finished)
            {
                if (_contexts.Remove(trial.Number, out var context) && context.TakeArtifact() is { } artifact)
                {
                    _artifacts[trial.Number] = artifact;
                }
            }

            var keep = _artifacts.Count == 0 ? [] : KeptTrials();
            foreach (var number in _artifacts.Keys.Where(n => !keep.Contains(n)).ToList())
            {
                _artifacts.Remove(number, out var artifact);
                Release(artifact!);
            }

            best = _history.IsMultiObjective ? null : _optimizer.BestHp()?.Number;
        }

        lock (_callbackGate)
        {
            foreach (var trial in finished)
            {
                _toReport.Enqueue((trial, trial.Number == best));
            }

            // A callback that finishes a trial itself comes back here on its own thread: the loop below reports that
            // trial once the callback has returned, so that callbacks never nest.
            if (_reporting)
            {
                return;
            }

            _reporting = true;
            try
            {
                while (_toReport.TryDequeue(out var next))
                {
                    try
                    {
                        LogFinished(next.Trial, next.IsNewBest);
                        Options.OnTrialFinished?.Invoke(this, next.Trial);
                    }
                    catch (Exception e) when (Volatile.Read(ref _run) is { } run)
                    {
                        // Within Optimize the logger and the callback may run on a worker, a timer or a cancellation;
                        // the run stops and Optimize rethrows the error. With ask and tell it reaches the caller of Tell.
                        run.Fail("A callback", e);
                    }
                }
            }
            finally
            {
                _reporting = false;
            }
        }
    }

    private HashSet<int> KeptTrials()
    {
        if (_history.IsMultiObjective)
        {
            return [.. Pareto.Front(_history).Select(t => t.Number)];
        }

        return _optimizer.BestHp() is { } best ? [best.Number] : [];
    }

    /// <summary>Disposes an artifact that is disposable.</summary>
    internal static void Release(object artifact)
    {
        switch (artifact)
        {
            case IDisposable disposable:
                disposable.Dispose();
                break;
            case IAsyncDisposable asyncDisposable:
                asyncDisposable.DisposeAsync().AsTask().GetAwaiter().GetResult();
                break;
        }
    }

    /// <summary>
    /// Brings the local history up to date with the store under the gate, counts evaluations, notifies the optimizer
    /// of newly finished trials in completion order (by finish time, then number, so that a fresh study replaying a
    /// stored history sees the same order), and queues them for <see cref="AfterFinish"/> to report.
    /// </summary>
    private void Synchronize()
    {
        var changes = _store.GetChanges(_version);
        _version = changes.Version;
        var finished = new List<Trial>();
        foreach (var trial in changes.Trials)
        {
            if (trial.Number == _trials.Count)
            {
                _trials.Add(trial);
                _finishSeen.Add(false);
                _evaluationCounted.Add(false);
            }
            else if (trial.Number < _trials.Count)
            {
                _trials[trial.Number] = trial;
            }
            else
            {
                throw new InvalidOperationException($"The store skipped trial numbers: it returned trial {trial.Number} while the study knows {_trials.Count}.");
            }

            if (!_evaluationCounted[trial.Number] && trial.Origin != TrialOrigin.Added && trial.State != TrialState.Waiting)
            {
                _evaluationCounted[trial.Number] = true;
                _evaluations++;
            }

            if (trial.IsFinished && !_finishSeen[trial.Number])
            {
                _finishSeen[trial.Number] = true;
                finished.Add(trial);
            }
        }

        finished.Sort((a, b) => (a.Finished, a.Number).CompareTo((b.Finished, b.Number)));
        foreach (var trial in finished)
        {
            _optimizer.Notify(trial);
        }

        _unreported.AddRange(finished);
    }

    /// <summary>Why <paramref name="values"/> are not one finite number per direction, in a sentence opening with <paramref name="source"/>; null when they are.</summary>
    private string? ValueFault(double[] values, string source)
    {
        if (values.Length != Directions.Count)
        {
            return $"{source} {values.Length} value(s); the study has {Directions.Count} objective(s).";
        }

        var bad = Array.FindIndex(values, v => !double.IsFinite(v));
        return bad < 0 ? null : $"{source} {values[bad]}{(values.Length > 1 ? $" for objective {bad}" : string.Empty)}; a value must be finite.";
    }

    /// <summary>Logs how <paramref name="trial"/> finished, and a second line when it is the study's new best.</summary>
    private void LogFinished(Trial trial, bool isNewBest)
    {
        if (Options.Logger is not { } logger)
        {
            return;
        }

        var hps = HyperParametersOf(trial);
        if (trial.State == TrialState.Complete)
        {
            logger.LogInformation("Trial {Number} complete: {Values} with {HyperParameters}", trial.Number, string.Join(", ", trial.Values), hps);
            if (isNewBest)
            {
                logger.LogInformation("Trial {Number} is the new best: {Value}", trial.Number, trial.Value);
            }
        }
        else
        {
            logger.LogWarning("Trial {Number} {State}: {Error} with {HyperParameters}", trial.Number, trial.State, trial.Error, hps);
        }
    }
}
