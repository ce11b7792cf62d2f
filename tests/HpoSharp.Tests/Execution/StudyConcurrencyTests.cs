using System.Collections.Immutable;
using HpoSharp.Execution;
using HpoSharp.Space;
using HpoSharp.Trials;
using Microsoft.Extensions.Time.Testing;

namespace HpoSharp.Tests.Execution;

/// <summary>Outcomes told from several threads or several studies at once, with the interleavings forced by a store that waits.</summary>
public sealed class StudyConcurrencyTests
{
    private static SearchSpace Space() => [new RangeHP("x", -1, 1)];

    [Fact]
    public async Task TiedTrialsWhoseFinishesReachTheStoreOutOfOrderGiveTheLiveAndTheResumedStudyTheSameBestTrial()
    {
        var time = new FakeTimeProvider();
        var store = new HookedStore();
        var options = new StudyOptions { Seed = 1, Store = store, TimeProvider = time };
        var study = new Study(HpoRegistry.Build("random", Space()), options);
        var (first, second) = (study.Ask().Number, study.Ask().Number);
        using var reached = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        store.BeforeFinish = number =>
        {
            if (number == first)
            {
                reached.Set();
                release.Wait(Patience.Wait);
            }
        };

        // The first trial's finish time is taken before the second's, but the second reaches the store first.
        var slow = Task.Run(() => study.Tell(first, 1.0));
        Assert.True(reached.Wait(Patience.Wait));
        time.Advance(TimeSpan.FromSeconds(1));
        study.Tell(second, 1.0);
        release.Set();
        await slow.WaitAsync(Patience.Wait);

        var resumed = new Study(HpoRegistry.Build("random", Space()), options);
        Assert.True(study.Trials[first].Finished < study.Trials[second].Finished);
        Assert.Equal(first, resumed.BestTrial?.Number);
        Assert.Equal(first, study.BestTrial?.Number);
    }

    [Fact]
    public void TiedTrialsFinishedAtTheSameInstantGiveTheLiveAndTheResumedStudyTheSameBestTrial()
    {
        var options = new StudyOptions { Seed = 1, Store = new InMemoryTrialStore(), TimeProvider = new FakeTimeProvider() };
        var study = new Study(HpoRegistry.Build("random", Space()), options);
        var (first, second) = (study.Ask().Number, study.Ask().Number);
        study.Tell(second, 1.0);
        study.Tell(first, 1.0);

        var resumed = new Study(HpoRegistry.Build("random", Space()), options);
        Assert.Equal(first, resumed.BestTrial?.Number);
        Assert.Equal(first, study.BestTrial?.Number);
    }

    [Fact]
    public void ATellThatLosesARaceIsRefusedWithTheWinnersStateAndLeavesTheTrialAsTheWinnerLeftIt()
    {
        var store = new HookedStore();
        var options = new StudyOptions { Seed = 1, Store = store };
        var study = new Study(HpoRegistry.Build("random", Space()), options);
        var other = new Study(HpoRegistry.Build("random", Space()), options);
        var number = study.Ask().Number;

        // Another study on the same store tells the trial's outcome while this one is telling it.
        store.BeforeFinish = n =>
        {
            store.BeforeFinish = null;
            other.Tell(n, 1.0);
        };
        var error = Assert.Throws<InvalidOperationException>(() => study.Tell(number, 2.0));

        Assert.Equal($"Trial {number} is already finished (Complete).", error.Message);
        var trial = study.Trials[number];
        Assert.Equal((TrialState.Complete, 1.0), (trial.State, trial.Value));
        Assert.Empty(trial.Attributes);
    }

    [Fact]
    public void AnOptimizerThatFailsToLearnOneTrialOfABatchStillLearnsAndReportsTheOthers()
    {
        var store = new InMemoryTrialStore();
        var reported = new List<int>();
        var study = new Study(
            new StudyTests.ForgetfulOptimizer(Space(), forgets: (_, t) => t.Number == 0),
            new StudyOptions { Seed = 1, Store = store, OnTrialFinished = (_, t) => reported.Add(t.Number) });
        var other = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 2, Store = store });
        var (first, second) = (other.Ask().Number, other.Ask().Number);
        other.Tell(first, 2.0);
        other.Tell(second, 1.0);

        // Both trials reach the study in one batch from the store.
        Assert.Equal("cannot learn trial 0", Assert.Throws<InvalidOperationException>(() => study.Trials).Message);
        Assert.Equal(second, study.BestTrial?.Number);

        var third = study.Ask().Number;
        study.Tell(third, 3.0);
        Assert.Equal([first, second, third], reported);
    }

    [Fact]
    public async Task ATrialAddedWhileASuggestionIsBeingStoredTakesTheNextNumber()
    {
        var store = new HookedStore();
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions { Seed = 1, Store = store });
        using var reached = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        store.BeforeCreate = template =>
        {
            if (template.Origin == TrialOrigin.Suggested)
            {
                reached.Set();
                release.Wait(Patience.Wait);
            }
        };

        // The suggestion was drawn from the random stream of trial 0; an added trial must not take that number first.
        var asked = Task.Run(() => study.Ask());
        Assert.True(reached.Wait(Patience.Wait));
        var added = Task.Run(() => study.AddTrial(new Dictionary<string, object?> { ["x"] = 0.5 }, 1.0));
        await Task.WhenAny(added, Task.Delay(TimeSpan.FromMilliseconds(200)));
        release.Set();

        Assert.Equal(0, (await asked.WaitAsync(Patience.Wait)).Number);
        Assert.Equal(1, (await added.WaitAsync(Patience.Wait)).Number);
    }

    [Fact]
    public void TrialsAreReportedInTheOrderTheyFinishedWhenOneWaitsForTheCallbackOfAnother()
    {
        var reported = new List<int>();
        Thread? teller = null;
        var study = new Study(HpoRegistry.Build("random", Space()), new StudyOptions
        {
            Seed = 1,
            OnTrialFinished = (study, trial) =>
            {
                reported.Add(trial.Number);
                if (trial.Number == 0)
                {
                    // Trial 1 finishes on another thread, which then waits for this callback; only then does trial 2 finish.
                    teller = new Thread(() => study.Tell(1, 1.0));
                    teller.Start();
                    Assert.True(SpinWait.SpinUntil(() => teller.ThreadState.HasFlag(ThreadState.WaitSleepJoin), Patience.Wait));
                    study.Tell(2, 2.0);
                }
            },
        });
        for (var i = 0; i < 3; i++)
        {
            study.Ask();
        }

        study.Tell(0, 0.0);
        Assert.True(teller!.Join(Patience.Wait));

        Assert.Equal([0, 1, 2], reported);
    }

    [Theory]
    [InlineData("read")]
    [InlineData("enqueue")]
    [InlineData("ask")]
    [InlineData("add")]
    public void AnOptimizerErrorThatAnotherThreadMeetsDuringOptimizeStopsTheRunCancelsItsTrialsAndIsRethrown(string access)
    {
        var store = new HookedStore();
        var study = new Study(
            new StudyTests.ForgetfulOptimizer(Space(), forgets: (_, t) => t.Number == 0),
            new StudyOptions { Seed = 1, MaxEvaluations = 10, MaxParallelism = 2, Store = store });
        using var secondStarted = new ManualResetEventSlim();
        Exception? seenByOther = null;
        var configuration = new Dictionary<string, object?> { ["x"] = 0.5 };

        // Another thread (a progress display reading the best trial, or one that enqueues, asks or adds a trial) learns
        // trial 0's result before the worker that finished it.
        store.AfterFinish = number =>
        {
            if (number == 0)
            {
                var other = new Thread(() => seenByOther = Record.Exception(() => _ = access switch
                {
                    "read" => study.BestTrial?.Number,
                    "enqueue" => study.Enqueue(configuration),
                    "ask" => study.Ask(worker: 5).Number,
                    _ => study.AddTrial(configuration, 3.0).Number,
                }));
                other.Start();
                other.Join(Patience.Wait);
            }
        };
        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(c =>
        {
            if (c.Number == 0)
            {
                return secondStarted.Wait(Patience.Wait) ? 0.0 : throw new TimeoutException("trial 1 never started");
            }

            secondStarted.Set();
            return c.CancellationToken.WaitHandle.WaitOne(Patience.Wait) ? 1.0 : throw new TimeoutException("trial 1 was never cancelled");
        }));

        Assert.Equal("cannot learn trial 0", error.Message);
        Assert.Equal("cannot learn trial 0", seenByOther?.Message);
        Assert.Equal(StopReason.Failed, study.StopReason);
        Assert.Equal(TrialState.Complete, study.Trials[0].State);
        Assert.Equal(TrialState.Cancelled, study.Trials[1].State);
        Assert.Equal("The optimizer failed: cannot learn trial 0", study.Trials[1].Error);
    }

    /// <summary>
    /// An in-memory store that runs <see cref="BeforeCreate"/> just before it creates a trial, <see cref="BeforeFinish"/>
    /// just before it finishes one and <see cref="AfterFinish"/> just after.
    /// </summary>
    private sealed class HookedStore : ITrialStore
    {
        private readonly InMemoryTrialStore _store = new();

        public Action<Trial>? BeforeCreate { get; set; }

        public Action<int>? BeforeFinish { get; set; }

        public Action<int>? AfterFinish { get; set; }

        public Trial CreateTrial(Trial template)
        {
            BeforeCreate?.Invoke(template);
            return _store.CreateTrial(template);
        }

        public Trial? ClaimWaitingTrial(int worker, DateTimeOffset now) => _store.ClaimWaitingTrial(worker, now);

        public bool FinishTrial(int number, TrialState state, ImmutableArray<double> values, string? error, DateTimeOffset now)
        {
            BeforeFinish?.Invoke(number);
            var finished = _store.FinishTrial(number, state, values, error, now);
            AfterFinish?.Invoke(number);
            return finished;
        }

        public void ReportIntermediateValue(int number, long step, double value) => _store.ReportIntermediateValue(number, step, value);

        public void SetAttribute(int number, string key, object value, bool system) => _store.SetAttribute(number, key, value, system);

        public void Heartbeat(int number, DateTimeOffset now) => _store.Heartbeat(number, now);

        public TrialChanges GetChanges(long sinceVersion) => _store.GetChanges(sinceVersion);
    }
}
