using System.Security.Cryptography;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

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
    private readonly Queue<(Trial Trial, bool IsNewBest)> _toReport = new(); // under _gate
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
    public IReadOnlyList<Trial> Trials => Read<IReadOnlyList<Trial>>(() => [.. _trials]);

    /// <summary>
    /// The best trial as the optimizer judges it (<see cref="BaseHPOptimizer.BestHp"/>); null while none is complete,
    /// and in a multi-objective study, whose best trials are the <see cref="ParetoFront"/>.
    /// </summary>
    public Trial? BestTrial => Read(_optimizer.BestHp);

    /// <summary>The complete trials that no other complete trial dominates (for one objective, the best ones).</summary>
    public IReadOnlyList<Trial> ParetoFront => Read(() => Pareto.Front(_history));

    /// <summary>
    /// Starts a trial for worker <paramref name="worker"/>: the oldest enqueued configuration, else the optimizer's
    /// suggestion. Report its outcome with <see cref="Tell(int, double)"/>. Throws when the optimizer has nothing left to suggest.
    /// </summary>
    public TrialContext Ask(int worker = 0) =>
        TryAsk(out var trial, worker) ? trial : throw new InvalidOperationException("The optimizer has nothing left to suggest: the search space is exhausted.");

    /// <summary>Like <see cref="Ask"/>, but returns false when the optimizer has nothing left to suggest.</summary>
    public bool TryAsk([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TrialContext? trial, int worker = 0)
    {
        trial = Locked(() => StartTrial(worker, dataset: null));
        return trial is not null;
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
        if (!Enum.IsDefined(state) || state is TrialState.Complete or TrialState.Waiting or TrialState.Running)
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
        return Locked(() =>
        {
            var trial = _store.CreateTrial(new Trial { State = TrialState.Waiting, Origin = TrialOrigin.Enqueued, Params = [.. encoded] });
            Synchronize();
            return trial.Number;
        });
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
        Trial trial;
        lock (_gate)
        {
            // Under the gate, as a suggestion is stored, so that it cannot take the number the suggestion was drawn for.
            trial = _store.CreateTrial(new Trial
            {
                State = TrialState.Complete,
                Origin = TrialOrigin.Added,
                Params = [.. encoded],
                Values = [.. values],
                Started = now,
                Finished = now,
            });
        }

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
    public StudyResult GetResult() => Read(() =>
    {
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
    });

    /// <summary>Records an intermediate value of a running trial.</summary>
    internal void Report(int number, long step, double value) => _store.ReportIntermediateValue(number, step, value);

    /// <summary>Sets a user attribute of a trial.</summary>
    internal void SetAttribute(int number, string key, object value) => _store.SetAttribute(number, key, value, system: false);

    /// <summary>Asks the pruner about a running trial.</summary>
    internal bool ShouldPrune(int number) => Read(() => Options.Pruner.ShouldPrune(_trials[number], _history));
}
