using HpoSharp.Trials;

namespace HpoSharp.Tests.Trials;

public sealed class InMemoryTrialStoreTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TrialsAreNumberedFromZeroWhateverTheTemplateSays()
    {
        var store = new InMemoryTrialStore();
        Assert.Equal(0, store.CreateTrial(new Trial { Number = 7, Version = 99, State = TrialState.Running }).Number);
        Assert.Equal(1, store.CreateTrial(new Trial { Number = 7, State = TrialState.Running }).Number);
        Assert.Equal([0, 1], store.GetChanges(-1).Trials.Select(t => t.Number));
    }

    [Fact]
    public void WaitingTrialsAreClaimedOldestFirstAndOnlyOnce()
    {
        var store = StoreWith(TrialState.Waiting, TrialState.Running, TrialState.Waiting);

        var first = store.ClaimWaitingTrial(2, T0);
        Assert.Equal((0, TrialState.Running, 2, T0, T0), (first!.Number, first.State, first.Worker, first.Started, first.Heartbeat));
        Assert.Equal(2, store.ClaimWaitingTrial(3, T0)!.Number);
        Assert.Null(store.ClaimWaitingTrial(4, T0));
    }

    [Fact]
    public void AWaitingTrialFinishedBeforeItIsClaimedLeavesTheQueue()
    {
        var store = StoreWith(TrialState.Waiting, TrialState.Waiting);

        Assert.True(store.FinishTrial(0, TrialState.Cancelled, [], "stopped", T0));
        Assert.Equal(1, store.ClaimWaitingTrial(0, T0)!.Number);
        Assert.Null(store.ClaimWaitingTrial(0, T0));
    }

    [Fact]
    public void TheFirstToFinishATrialWinsAndLaterAttemptsChangeNothing()
    {
        var store = StoreWith(TrialState.Running);

        Assert.True(store.FinishTrial(0, TrialState.TimedOut, default, "deadline", T0));
        var version = store.GetChanges(-1).Version;
        Assert.False(store.FinishTrial(0, TrialState.Complete, [1.0], null, T0.AddSeconds(1)));

        var trial = store.GetChanges(-1).Trials[0];
        Assert.Equal((TrialState.TimedOut, "deadline", T0), (trial.State, trial.Error, trial.Finished));
        Assert.True(trial.Values.IsEmpty);
        Assert.Equal(version, store.GetChanges(-1).Version);
    }

    [Theory]
    [InlineData(TrialState.Waiting)]
    [InlineData(TrialState.Running)]
    public void ATrialCannotBeFinishedInANonFinalState(TrialState state)
    {
        var store = StoreWith(TrialState.Running);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.FinishTrial(0, state, [], null, T0));
    }

    [Fact]
    public void AStateThatIsNotATrialStateIsRefusedAndTheTrialKeepsRunning()
    {
        var store = StoreWith(TrialState.Running);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => store.FinishTrial(0, (TrialState)99, [], null, T0));
        Assert.StartsWith("A trial is finished as Complete, Failed, TimedOut, Cancelled or Pruned.", error.Message);
        Assert.Equal(99, Convert.ToInt32(error.ActualValue, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TrialState.Running, store.GetChanges(-1).Trials[0].State);
        Assert.True(store.FinishTrial(0, TrialState.Complete, [1.0], null, T0));
    }

    [Fact]
    public void IntermediateValuesAndHeartbeatsAreIgnoredOnceATrialIsFinished()
    {
        var store = StoreWith(TrialState.Running);
        store.ReportIntermediateValue(0, 1, 0.5);
        store.Heartbeat(0, T0);
        store.FinishTrial(0, TrialState.Pruned, [], null, T0.AddSeconds(1));

        store.ReportIntermediateValue(0, 2, 0.25);
        store.Heartbeat(0, T0.AddSeconds(2));

        var trial = store.GetChanges(-1).Trials[0];
        Assert.Equal([KeyValuePair.Create(1L, 0.5)], trial.IntermediateValues);
        Assert.Equal(T0, trial.Heartbeat);
    }

    [Fact]
    public void UserAndSystemAttributesAreKeptApart()
    {
        var store = StoreWith(TrialState.Running);
        store.SetAttribute(0, "note", "hello", system: false);
        store.SetAttribute(0, "index", 3, system: true);

        var trial = store.GetChanges(-1).Trials[0];
        Assert.Equal(["note"], trial.Attributes.Keys);
        Assert.Equal(3L, trial.SystemAttributes["index"]);
    }

    [Fact]
    public void ChangesSinceAVersionAreTheTrialsChangedAfterItByNumber()
    {
        var store = StoreWith(TrialState.Running, TrialState.Running, TrialState.Running);
        var seen = store.GetChanges(-1);
        Assert.Equal((3, 3L), (seen.Trials.Count, seen.Version));

        store.Heartbeat(2, T0);
        store.FinishTrial(0, TrialState.Complete, [1.0], null, T0);
        store.Heartbeat(2, T0.AddSeconds(1));

        var changes = store.GetChanges(seen.Version);
        Assert.Equal([0, 2], changes.Trials.Select(t => t.Number));
        Assert.Equal(6L, changes.Version);
        Assert.Equal([5L, 6L], changes.Trials.Select(t => t.Version));
        Assert.Empty(store.GetChanges(changes.Version).Trials);
        Assert.Equal([2], store.GetChanges(5).Trials.Select(t => t.Number));
    }

    [Fact]
    public void AnUnknownTrialNumberIsRefused()
    {
        var store = StoreWith(TrialState.Running);
        Assert.StartsWith("There is no trial -1; the store holds 1.", Assert.Throws<ArgumentOutOfRangeException>(() => store.Heartbeat(-1, T0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.ReportIntermediateValue(1, 0, 1.0));
    }

    /// <summary>A store holding one trial in each of <paramref name="states"/>, numbered from 0.</summary>
    private static InMemoryTrialStore StoreWith(params TrialState[] states)
    {
        var store = new InMemoryTrialStore();
        foreach (var state in states)
        {
            store.CreateTrial(new Trial { State = state });
        }

        return store;
    }
}
