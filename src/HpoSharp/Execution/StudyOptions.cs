using System.Globalization;
using HpoSharp.Optimizers;
using HpoSharp.Trials;
using Microsoft.Extensions.Logging;

namespace HpoSharp.Execution;

/// <summary>How a study runs. Every setting has a default; <see cref="Validate"/> names the first one out of range.</summary>
public sealed record StudyOptions
{
    /// <summary>The longest time limit or poll interval: the longest delay a timer of the system clock accepts, about 49.7 days.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>
    /// The study's total budget of evaluations (trials the study ran, in any final state; trials added with
    /// <see cref="Study.AddTrial(IReadOnlyDictionary{string, object?}, double)"/> do not count). A resumed study runs
    /// only what is missing. Null for no limit. Default 100.
    /// </summary>
    public int? MaxEvaluations { get; init; } = 100;

    /// <summary>How many evaluations run at once in this process (the seed's <c>num_slaves</c>). Default 1.</summary>
    public int MaxParallelism { get; init; } = 1;

    /// <summary>
    /// A time limit for one call of <c>Optimize</c>: when it passes, no new trial starts and running trials are
    /// cancelled (recorded as Cancelled). At most <see cref="LongestWait"/>; null for none.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>
    /// A time limit per trial: at the deadline the trial's token fires and it is recorded as TimedOut. A result that
    /// arrives later is kept as the attribute <c>late_values</c>; the worker is free again when the objective returns.
    /// At most <see cref="LongestWait"/>; null for none.
    /// </summary>
    public TimeSpan? TrialTimeLimit { get; init; }

    /// <summary>
    /// A process-wide soft cap in bytes, read from <see cref="MemoryProbe"/> every <see cref="MemoryPollInterval"/>:
    /// above it no new trial starts and running trials are cancelled; the study goes on when memory falls back. If memory
    /// is still above the cap three polls later, the study stops with <see cref="StopReason.MemoryLimit"/>. Null for none.
    /// </summary>
    public long? MemoryLimit { get; init; }

    /// <summary>How often the memory limit is checked, at most <see cref="LongestWait"/>. Default 1 second.</summary>
    public TimeSpan MemoryPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Reads the process's memory use in bytes; by default its working set. An exception it throws stops the study
    /// (<see cref="StopReason.Failed"/>), and <c>Optimize</c> rethrows it.
    /// </summary>
    public Func<long> MemoryProbe { get; init; } = () => Environment.WorkingSet;

    /// <summary>Whether the objective is minimised or maximised (single-objective studies). Default <see cref="Direction.Minimize"/>.</summary>
    public Direction Direction { get; init; } = Direction.Minimize;

    /// <summary>The direction of each objective of a multi-objective study; when set, it replaces <see cref="Direction"/>.</summary>
    public IReadOnlyList<Direction>? Directions { get; init; }

    /// <summary>
    /// Optional names of the objectives, one per direction, used in reports and exports: distinct, not a column of the
    /// CSV export (such as <c>error</c>), and not starting with <c>param:</c> or <c>attr:</c>, the prefixes of its
    /// parameter and attribute columns.
    /// </summary>
    public IReadOnlyList<string>? ObjectiveNames { get; init; }

    /// <summary>The seed of every random choice. Null draws one, which the study reports as <see cref="Study.Seed"/>.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Where trials are kept. Null for a new in-memory store.</summary>
    public ITrialStore? Store { get; init; }

    /// <summary>Decides early stopping for objectives that report intermediate values. Default: never prune.</summary>
    public BasePruner Pruner { get; init; } = new NopPruner();

    /// <summary>
    /// Called after every trial finishes, one call at a time and never nested (a trial the callback itself finishes is
    /// reported once it returns); it may stop the study with <see cref="Study.Stop"/>. An exception it throws stops the
    /// study (<see cref="StopReason.Failed"/>), and <c>Optimize</c> rethrows it; the trial keeps its result. With ask and
    /// tell, <c>Tell</c> rethrows it once every trial waiting to be reported has been.
    /// </summary>
    public Action<Study, Trial>? OnTrialFinished { get; init; }

    /// <summary>
    /// Receives a line for every finished trial, and one for every new best of a single-objective study. Null for none.
    /// An exception it throws is handled as one from <see cref="OnTrialFinished"/>.
    /// </summary>
    public ILogger? Logger { get; init; }

    /// <summary>The clock of every deadline, timestamp and poll; replace it to test time limits without waiting.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The effective directions: <see cref="Directions"/> when set, else <see cref="Direction"/> alone.</summary>
    public IReadOnlyList<Direction> EffectiveDirections => Directions ?? [Direction];

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting out of its range.</summary>
    public void Validate()
    {
        Require(MaxEvaluations is null or >= 1, nameof(MaxEvaluations), MaxEvaluations, "at least 1, or null for no limit");
        Require(MaxParallelism >= 1, nameof(MaxParallelism), MaxParallelism, "at least 1");
        var wait = $"a positive duration of at most {LongestWait.ToString("c", CultureInfo.InvariantCulture)}";
        Require(TimeLimit is null || (TimeLimit > TimeSpan.Zero && TimeLimit <= LongestWait), nameof(TimeLimit), TimeLimit, $"{wait}, or null");
        Require(TrialTimeLimit is null || (TrialTimeLimit > TimeSpan.Zero && TrialTimeLimit <= LongestWait), nameof(TrialTimeLimit), TrialTimeLimit, $"{wait}, or null");
        Require(MemoryLimit is null or > 0, nameof(MemoryLimit), MemoryLimit, "a positive number of bytes, or null");
        Require(MemoryPollInterval > TimeSpan.Zero && MemoryPollInterval <= LongestWait, nameof(MemoryPollInterval), MemoryPollInterval, wait);
        Require(Directions is null || Directions.Count >= 1, nameof(Directions), Directions?.Count, "at least one direction, or null");
        foreach (var direction in EffectiveDirections)
        {
            Require(Enum.IsDefined(direction), Directions is null ? nameof(Direction) : nameof(Directions), direction, "Minimize or Maximize");
        }

        Require(ObjectiveNames is null || ObjectiveNames.Count == EffectiveDirections.Count, nameof(ObjectiveNames), ObjectiveNames?.Count, $"one name per direction ({EffectiveDirections.Count})");
        if (ObjectiveNames is not null)
        {
            var taken = new HashSet<string>(TrialExport.OwnColumns, StringComparer.Ordinal);
            var expected = $"distinct names that are none of the export's columns ({string.Join(", ", TrialExport.OwnColumns)}) and start with none of {string.Join(", ", TrialExport.ColumnPrefixes)}";
            foreach (var name in ObjectiveNames)
            {
                var prefixed = TrialExport.ColumnPrefixes.Any(prefix => name?.StartsWith(prefix, StringComparison.Ordinal) == true);
                Require(!string.IsNullOrEmpty(name) && !prefixed && taken.Add(name), nameof(ObjectiveNames), $"'{name}'", expected);
            }
        }

        ArgumentNullException.ThrowIfNull(MemoryProbe, nameof(MemoryProbe));
        ArgumentNullException.ThrowIfNull(Pruner, nameof(Pruner));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }

    private static void Require(bool condition, string setting, object? value, string expected) =>
        OptimizerOptions.Require(nameof(StudyOptions), condition, setting, value, expected);
}
