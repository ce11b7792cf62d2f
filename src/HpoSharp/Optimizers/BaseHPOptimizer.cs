using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Optimizers;

/// <summary>
/// The base of every algorithm. A study calls its hooks one at a time, never concurrently, while evaluations run in
/// parallel: <see cref="SetUp"/> once, then <see cref="GetSuggestion"/> for each new trial and <see cref="UpdateTrials"/>
/// for each finished one. The algorithm reads <see cref="History"/> and draws from <see cref="Rng"/>; its next suggestion
/// must be a function of the seed and the history, so that a fresh instance given the same history suggests the same.
/// </summary>
public abstract partial class BaseHPOptimizer
{
    private TrialHistory? _history;
    private RandomStream? _rng;
    private int _best = -1;

    /// <summary>Creates an optimizer searching <paramref name="space"/>.</summary>
    protected BaseHPOptimizer(SearchSpace space)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
    }

    /// <summary>The search space.</summary>
    public SearchSpace Space { get; }

    /// <summary>Whether the algorithm can run studies with several objectives.</summary>
    public virtual bool SupportsMultiObjective => false;

    /// <summary>The study's trials in every state, from every worker, with the study's directions.</summary>
    protected TrialHistory History => _history ?? throw new InvalidOperationException($"{GetType().Name} is not attached to a study; its hooks are called by a Study.");

    /// <summary>The random stream of the trial being suggested, derived from the study's seed and that trial's number.</summary>
    protected RandomStream Rng => _rng ?? throw new InvalidOperationException($"{GetType().Name}.Rng is only available inside GetSuggestion.");

    /// <summary>The study's seed, for randomness that belongs to the whole study (e.g. a scrambling).</summary>
    protected ulong Seed { get; private set; }

    /// <summary>
    /// Called once, before the first suggestion, with the study's maximum number of parallel evaluations (the seed's
    /// <c>num_slaves</c>), its time limit and its memory limit in bytes.
    /// </summary>
    protected internal virtual void SetUp(int maxParallelism, TimeSpan? timeLimit, long? memoryLimit)
    {
    }

    /// <summary>
    /// The next configuration for worker <paramref name="pid"/>, or null when the algorithm has nothing left to suggest
    /// (an exhausted grid), which ends the study.
    /// </summary>
    protected internal abstract Suggestion? GetSuggestion(int pid);

    /// <summary>
    /// Called for every trial that finishes, from any worker, in completion order. <paramref name="perf"/> is the first
    /// objective's value on a higher-is-better scale (negated when minimising), or NaN when the trial has no value
    /// (failed, timed out, cancelled, pruned) and in multi-objective studies, whose values travel on the trial.
    /// </summary>
    protected internal virtual void UpdateTrials(int pid, Trial trial, double perf)
    {
    }

    /// <summary>
    /// The best trial: by default the complete trial with the highest performance (among equals, the one that finished
    /// first, then the lowest number), or null when none is complete or the study has several objectives (its best trials
    /// are the Pareto front).
    /// </summary>
    protected internal virtual Trial? BestHp()
    {
        return _best < 0 ? null : History[_best];
    }

    /// <summary>Binds the optimizer to a study's history and seed; an instance serves one study.</summary>
    internal void Attach(TrialHistory history, ulong seed)
    {
        if (_history is not null)
        {
            throw new InvalidOperationException($"This {GetType().Name} already serves a study; build one optimizer per study.");
        }

        if (history.IsMultiObjective && !SupportsMultiObjective)
        {
            throw new NotSupportedException($"{GetType().Name} optimizes a single objective; this study has {history.Directions.Count}. Use an algorithm that supports multi-objective studies, such as random, quasi, grid, tpe or mocmaes.");
        }

        _history = history;
        Seed = seed;
    }

    /// <summary>Tracks the best trial and calls <see cref="UpdateTrials"/> for a trial that has just finished.</summary>
    internal void Notify(Trial trial)
    {
        var perf = History.IsMultiObjective ? double.NaN : History.Perf(trial);
        if (!double.IsNaN(perf) && (_best < 0 || IsBetter(trial, perf, History[_best])))
        {
            _best = trial.Number;
        }

        UpdateTrials(trial.Worker, trial, perf);
    }

    /// <summary>
    /// Whether <paramref name="trial"/>, of performance <paramref name="perf"/>, beats <paramref name="best"/>: a higher
    /// performance, or an equal one with an earlier finish (then a lower number), whatever the order of notification.
    /// </summary>
    private bool IsBetter(Trial trial, double perf, Trial best)
    {
        var bestPerf = History.Perf(best);
        return perf > bestPerf
            || (perf == bestPerf && trial.CompletionKey.CompareTo(best.CompletionKey) < 0);
    }

    /// <summary>Calls <see cref="GetSuggestion"/> with the random stream of the next trial number.</summary>
    internal Suggestion? Suggest(int pid)
    {
        _rng = new RandomStream(Seed, (ulong)History.Count);
        try
        {
            return GetSuggestion(pid);
        }
        finally
        {
            _rng = null;
        }
    }
}
