using System.Collections.Immutable;
using System.Globalization;

namespace HpoSharp.Trials;

/// <summary>
/// One evaluation of the objective, as the study recorded it. Immutable: a change of state yields a new record.
/// </summary>
public sealed record Trial
{
    /// <summary>The trial's number in its study, from 0, assigned by the store.</summary>
    public int Number { get; init; }

    /// <summary>Where the trial is in its life.</summary>
    public TrialState State { get; init; }

    /// <summary>How its parameters came about.</summary>
    public TrialOrigin Origin { get; init; }

    /// <summary>The encoded configuration, one value per dimension of the search space, NaN where inactive.</summary>
    public ImmutableArray<double> Params { get; init; } = [];

    /// <summary>The objective values in the user's directions; empty unless the trial is complete.</summary>
    public ImmutableArray<double> Values { get; init; } = [];

    /// <summary>The first objective value, or NaN when there is none.</summary>
    public double Value => Values.IsDefaultOrEmpty ? double.NaN : Values[0];

    /// <summary>The index of the worker that ran the trial (the seed's <c>pid</c>), or -1.</summary>
    public int Worker { get; init; } = -1;

    /// <summary>When the evaluation started.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>When the trial reached its final state.</summary>
    public DateTimeOffset? Finished { get; init; }

    /// <summary>The last sign of life of a running trial.</summary>
    public DateTimeOffset? Heartbeat { get; init; }

    /// <summary>Why the trial failed, timed out, was cancelled or was pruned.</summary>
    public string? Error { get; init; }

    /// <summary>Values reported during the evaluation, by step.</summary>
    public ImmutableSortedDictionary<long, double> IntermediateValues { get; init; } = ImmutableSortedDictionary<long, double>.Empty;

    /// <summary>Attributes set by the user or the objective.</summary>
    public ImmutableDictionary<string, object> Attributes { get; init; } = ImmutableDictionary<string, object>.Empty;

    /// <summary>Attributes set by the optimizer and the study (e.g. a quasi-random point's index).</summary>
    public ImmutableDictionary<string, object> SystemAttributes { get; init; } = ImmutableDictionary<string, object>.Empty;

    /// <summary>The store's version at the trial's last change.</summary>
    public long Version { get; init; }

    /// <summary>Whether the trial has reached a final state.</summary>
    public bool IsFinished => State is not (TrialState.Waiting or TrialState.Running);

    /// <summary>How long the evaluation took, when it has started and finished.</summary>
    public TimeSpan? Duration => Finished - Started;

    /// <summary>The trial's place in completion order: its finish time (unfinished trials last), then its number.</summary>
    internal (DateTimeOffset Finished, int Number) CompletionKey => (Finished ?? DateTimeOffset.MaxValue, Number);

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"Trial {Number} {State}{(Values.IsDefaultOrEmpty ? string.Empty : $" {string.Join(", ", Values.Select(v => v.ToString(CultureInfo.InvariantCulture)))}")}");
}
