using System.Collections.Immutable;

namespace HpoSharp.Trials;

/// <summary>
/// Where one study's trials live. Every member is safe to call from many threads (and, for a shared database,
/// from many processes): numbers are assigned atomically, a trial leaves Running or Waiting exactly once,
/// and readers ask for what changed since the version they last saw.
/// </summary>
public interface ITrialStore
{
    /// <summary>Stores a new trial from <paramref name="template"/> (its number and version are ignored) and returns it with its number assigned.</summary>
    Trial CreateTrial(Trial template);

    /// <summary>Moves the oldest Waiting trial to Running for <paramref name="worker"/>, or returns null when none waits.</summary>
    Trial? ClaimWaitingTrial(int worker, DateTimeOffset now);

    /// <summary>
    /// Gives a Running or Waiting trial its final <paramref name="state"/>. Returns false, changing nothing, when the trial
    /// was already finished: whoever finishes it first wins.
    /// </summary>
    bool FinishTrial(int number, TrialState state, ImmutableArray<double> values, string? error, DateTimeOffset now);

    /// <summary>Records a value reported at <paramref name="step"/> by a running trial; ignored once the trial is finished.</summary>
    void ReportIntermediateValue(int number, long step, double value);

    /// <summary>Sets an attribute (normalised by <see cref="AttributeValue.Normalize"/>); <paramref name="system"/> selects the optimizer's set.</summary>
    void SetAttribute(int number, string key, object value, bool system);

    /// <summary>Records a sign of life of a running trial.</summary>
    void Heartbeat(int number, DateTimeOffset now);

    /// <summary>The trials changed after <paramref name="sinceVersion"/> (all of them for -1), and the store's current version.</summary>
    TrialChanges GetChanges(long sinceVersion);
}

/// <summary>The answer to <see cref="ITrialStore.GetChanges"/>.</summary>
/// <param name="Trials">The changed trials in their current form, by number.</param>
/// <param name="Version">The store's version when read; pass it to the next call.</param>
public sealed record TrialChanges(IReadOnlyList<Trial> Trials, long Version);
