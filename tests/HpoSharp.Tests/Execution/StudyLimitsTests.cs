using System.Collections.Immutable;
using HpoSharp.Execution;
using HpoSharp.Space;
using HpoSharp.Trials;
using Microsoft.Extensions.Time.Testing;
using static HpoSharp.Tests.Patience;

namespace HpoSharp.Tests.Execution;

/// <summary>Parallel workers and the time and memory limits, driven by an injected clock so that nothing waits for real.</summary>
public sealed class StudyLimitsTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly SemaphoreSlim _started = new(0);

    [Fact]
    public void WorkersRunTrialsAtTheSameTime()
    {
        using var barrier = new Barrier(4);
        var result = new Study(Build(), new StudyOptions { MaxParallelism = 4, MaxEvaluations = 8, Seed = 1 }).Optimize(
            Objective.Create(_ => barrier.SignalAndWait(Wait) ? 1.0 : throw new TimeoutException("the other workers never arrived")));

        Assert.All(result.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        foreach (var round in result.Trials.Chunk(4))
        {
            Assert.True(round.Max(t => t.Started) < round.Min(t => t.Finished), "the four trials of a round must overlap");
        }

        Assert.Equal([0, 1, 2, 3], result.Trials.Select(t => t.Worker).Distinct().Order());
    }

    [Fact]
    public void StopLetsTheOtherRunningTrialsFinish()
    {
        using var secondStarted = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var result = new Study(Build(), new StudyOptions
        {
            MaxParallelism = 2,
            MaxEvaluations = 10,
            Seed = 1,
            OnTrialFinished = (study, trial) =>
            {
                if (trial.Number == 0)
                {
                    study.Stop();
                    release.Set();
                }
            },
        }).Optimize(Objective.Create(c =>
        {
            if (c.Number == 0)
            {
                return secondStarted.Wait(Wait) ? 0.0 : throw new TimeoutException("trial 1 never started");
            }

            secondStarted.Set();
            return release.Wait(Wait) ? 1.0 : throw new TimeoutException("trial 1 was never released");
        }));

        Assert.Equal(StopReason.Stopped, result.StopReason);
        Assert.Equal([TrialState.Complete, TrialState.Complete], result.Trials.Select(t => t.State));
        Assert.Equal(1.0, result.Trials[1].Value);
    }

    [Fact]
    public async Task ASecondOptimizeWhileTheFirstRunsIsRefused()
    {
        using var release = new ManualResetEventSlim();
        var study = new Study(Build(), Options(evaluations: 1));
        var run = study.OptimizeAsync(Objective.Create(_ =>
        {
            _started.Release();
            return release.Wait(Wait) ? 1.0 : throw new TimeoutException("the first run was never released");
        }));
        Assert.True(await _started.WaitAsync(Wait));

        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(Objective.Create(_ => 2.0)));
        Assert.Contains("This study is already optimizing; raise StudyOptions.MaxParallelism", error.Message);
        release.Set();
        var result = await run.WaitAsync(Wait);
        Assert.Equal(1.0, Assert.Single(result.Trials).Value);
    }

    [Fact]
    public void ACallbackRunsAloneWhileOtherTrialsFinish()
    {
        using var allStarted = new CountdownEvent(4);
        using var firstCallback = new ManualResetEventSlim();
        using var anotherCallback = new ManualResetEventSlim();
        var (inside, most, calls) = (0, 0, 0);
        new Study(Build(), new StudyOptions
        {
            MaxParallelism = 4,
            MaxEvaluations = 4,
            Seed = 1,
            OnTrialFinished = (_, trial) =>
            {
                InterlockedMax(ref most, Interlocked.Increment(ref inside));
                Interlocked.Increment(ref calls);
                if (trial.Number == 0)
                {
                    // The other three trials finish now; none of their callbacks may start before this one ends.
                    firstCallback.Set();
                    anotherCallback.Wait(TimeSpan.FromMilliseconds(200));
                }
                else
                {
                    anotherCallback.Set();
                }

                Interlocked.Decrement(ref inside);
            },
        }).Optimize(Objective.Create(c =>
        {
            allStarted.Signal();
            var ready = c.Number == 0 ? allStarted.Wait(Wait) : firstCallback.Wait(Wait);
            return ready ? 1.0 : throw new TimeoutException("the other trials never got that far");
        }));

        Assert.Equal(4, calls);
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task ATrialPastItsDeadlineIsTimedOutAndWhenAllAreTheStudyFails()
    {
        var study = new Study(Build(), Options(trialTimeLimit: TimeSpan.FromSeconds(10), evaluations: 2));
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            _started.Release();
            c.CancellationToken.WaitHandle.WaitOne(Wait);
            c.CancellationToken.ThrowIfCancellationRequested();
            return 1.0;
        }));
        for (var i = 0; i < 2; i++)
        {
            Assert.True(await _started.WaitAsync(Wait));
            _time.Advance(TimeSpan.FromSeconds(9));
            Assert.Equal(TrialState.Running, study.Trials[i].State);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var error = await Assert.ThrowsAsync<StudyFailedException>(() => run.WaitAsync(Wait));
        Assert.Equal(2, error.Failures.Count);
        Assert.All(error.Failures, t =>
        {
            Assert.Equal(TrialState.TimedOut, t.State);
            Assert.Equal("The trial's time limit of 00:00:10 was reached.", t.Error);
        });
        Assert.Contains("Every trial failed", error.Message);
    }

    [Fact]
    public async Task ACallbackThatThrowsOnATimedOutTrialStopsTheRunNotTheClock()
    {
        // The time-out finishes the trial from the clock's timer: the callback's error must not escape into the timer.
        var (study, error) = await TimeOutTheOnlyTrial(Build(), Options() with { OnTrialFinished = (_, _) => throw new InvalidOperationException("the callback broke") });
        Assert.Equal((typeof(InvalidOperationException), "the callback broke"), (error.GetType(), error.Message));
        Assert.Equal((StopReason.Failed, TrialState.TimedOut), (study.StopReason, Assert.Single(study.Trials).State));
    }

    [Fact]
    public async Task AnOptimizerThatFailsOnATimedOutTrialStopsTheRunNotTheClock()
    {
        var (study, error) = await TimeOutTheOnlyTrial(new StudyTests.ForgetfulOptimizer(new SearchSpace([new RangeHP("x", 0, 1)]), forgets: (_, t) => t.Number == 0), Options());
        Assert.Equal((typeof(InvalidOperationException), "cannot learn trial 0"), (error.GetType(), error.Message));
        Assert.Equal((StopReason.Failed, TrialState.TimedOut), (study.StopReason, Assert.Single(study.Trials).State));
    }

    [Fact]
    public async Task AStoreThatCannotFinishTrialsStopsTheRunWithItsError()
    {
        // Finishing the timed-out trial fails, and so does cancelling it when that failure stops the run: each running
        // trial is cancelled once, so the failures end instead of calling each other.
        var (study, error) = await TimeOutTheOnlyTrial(Build(), Options() with { Store = new UnfinishableStore() });
        Assert.Equal((typeof(IOException), "the database is gone"), (error.GetType(), error.Message));
        Assert.Equal((StopReason.Failed, TrialState.Running), (study.StopReason, Assert.Single(study.Trials).State));
    }

    [Fact]
    public void ACallbackThatThrowsCancelsTheOtherRunningTrials()
    {
        using var secondStarted = new ManualResetEventSlim();
        var study = new Study(Build(), new StudyOptions
        {
            MaxParallelism = 2,
            MaxEvaluations = 10,
            Seed = 1,
            OnTrialFinished = (_, trial) =>
            {
                if (trial.State == TrialState.Complete)
                {
                    throw new InvalidOperationException("the callback broke");
                }
            },
        });
        Assert.Throws<InvalidOperationException>(() => study.Optimize(FirstFinishesWhileSecondRuns(secondStarted)));

        Assert.Equal([TrialState.Complete, TrialState.Cancelled], study.Trials.Select(t => t.State));
        Assert.Equal("A callback failed: the callback broke", study.Trials[1].Error);
    }

    [Fact]
    public void WhenTheCallbackThrowsItStillSeesTheTrialsItsErrorCancelledAndTheFirstErrorIsRethrown()
    {
        using var secondStarted = new ManualResetEventSlim();
        var seen = new List<(int, TrialState)>();
        var study = new Study(Build(), new StudyOptions
        {
            MaxParallelism = 2,
            MaxEvaluations = 10,
            Seed = 1,
            OnTrialFinished = (_, trial) =>
            {
                seen.Add((trial.Number, trial.State));
                throw new InvalidOperationException($"the callback broke on trial {trial.Number}");
            },
        });
        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(FirstFinishesWhileSecondRuns(secondStarted)));

        Assert.Equal("the callback broke on trial 0", error.Message);
        Assert.Equal([(0, TrialState.Complete), (1, TrialState.Cancelled)], seen);
        Assert.Equal("A callback failed: the callback broke on trial 0", study.Trials[1].Error);
    }

    [Fact]
    public void AnOptimizerThatFailsOnATrialCancelledForACallbackErrorDoesNotReplaceThatError()
    {
        using var secondStarted = new ManualResetEventSlim();
        var study = new Study(new StudyTests.ForgetfulOptimizer(new SearchSpace([new RangeHP("x", 0, 1)]), forgets: (_, t) => t.Number == 1), new StudyOptions
        {
            MaxParallelism = 2,
            MaxEvaluations = 10,
            Seed = 1,
            OnTrialFinished = (_, trial) =>
            {
                if (trial.Number == 0)
                {
                    throw new InvalidOperationException("the callback broke");
                }
            },
        });
        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(FirstFinishesWhileSecondRuns(secondStarted)));

        Assert.Equal("the callback broke", error.Message);
        Assert.Equal([TrialState.Complete, TrialState.Cancelled], study.Trials.Select(t => t.State));
    }

    [Fact]
    public async Task AnOptimizerThatFailsOnATimedOutTrialCancelsTheOtherRunningTrialsSayingSo()
    {
        using var release = new ManualResetEventSlim();
        var optimizer = new StudyTests.ForgetfulOptimizer(new SearchSpace([new RangeHP("x", 0, 1)]), forgets: (_, t) => t.Number == 1);
        var study = new Study(optimizer, Options(trialTimeLimit: TimeSpan.FromSeconds(10), evaluations: 3, workers: 2));
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            _started.Release();
            if (c.Number == 0)
            {
                return release.Wait(Wait) ? 0.0 : throw new TimeoutException("trial 0 was never released");
            }

            c.CancellationToken.WaitHandle.WaitOne(Wait);
            return 1.0;
        }));
        Assert.True(await _started.WaitAsync(Wait));
        Assert.True(await _started.WaitAsync(Wait));
        _time.Advance(TimeSpan.FromSeconds(5));
        release.Set();
        Assert.True(await _started.WaitAsync(Wait));
        _time.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(Wait));
        Assert.Equal("cannot learn trial 1", error.Message);
        Assert.Equal(
            [
                (TrialState.Complete, null),
                (TrialState.TimedOut, "The trial's time limit of 00:00:10 was reached."),
                (TrialState.Cancelled, "The optimizer failed: cannot learn trial 1"),
            ],
            study.Trials.Select(t => (t.State, t.Error)));
    }

    [Fact]
    public async Task AnObjectiveThatFailsAfterItsTrialTimedOutLeavesNoLateValues()
    {
        var study = new Study(Build(), Options(trialTimeLimit: TimeSpan.FromSeconds(10), evaluations: 1));
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            _started.Release();
            return c.CancellationToken.WaitHandle.WaitOne(Wait) ? throw new OperationCanceledException("interrupted") : 1.0;
        }));
        Assert.True(await _started.WaitAsync(Wait));
        _time.Advance(TimeSpan.FromSeconds(10));

        var trial = Assert.Single((await Assert.ThrowsAsync<StudyFailedException>(() => run.WaitAsync(Wait))).Failures);
        Assert.Equal((TrialState.TimedOut, "The trial's time limit of 00:00:10 was reached."), (trial.State, trial.Error));
        Assert.Empty(trial.Attributes);
    }

    [Fact]
    public async Task ATrialWhoseLateResultArrivesIsReportedOnce()
    {
        using var release = new ManualResetEventSlim();
        var seen = new List<int>();
        var study = new Study(Build(), Options(trialTimeLimit: TimeSpan.FromSeconds(5), evaluations: 2) with { OnTrialFinished = (_, trial) => seen.Add(trial.Number) });
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            _started.Release();
            return c.Number == 0 && release.Wait(Wait) ? 42.0 : 1.0;
        }));
        Assert.True(await _started.WaitAsync(Wait));
        _time.Advance(TimeSpan.FromSeconds(5));
        release.Set();
        var result = await run.WaitAsync(Wait);

        Assert.True(result.Trials[0].Attributes.ContainsKey(Study.LateValuesAttribute));
        Assert.Equal([0, 1], seen);
    }

    [Fact]
    public async Task ALateResultIsKeptAndTheWorkerFreesOnlyWhenTheObjectiveReturns()
    {
        using var release = new ManualResetEventSlim();
        var study = new Study(Build(), Options(trialTimeLimit: TimeSpan.FromSeconds(5), evaluations: 2));
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            _started.Release();
            return c.Number == 0 && release.Wait(Wait) ? 42.0 : 1.0;
        }));
        Assert.True(await _started.WaitAsync(Wait));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TrialState.TimedOut, study.Trials[0].State);
        Assert.False(await _started.WaitAsync(TimeSpan.FromMilliseconds(100)), "no trial may start while the timed-out objective holds the worker");
        release.Set();
        var result = await run.WaitAsync(Wait);

        Assert.Equal(ImmutableArray.Create(42.0), result.Trials[0].Attributes[Study.LateValuesAttribute]);
        Assert.Equal(TrialState.TimedOut, result.Trials[0].State);
        Assert.Equal(TrialState.Complete, result.Trials[1].State);
        Assert.Equal(1, result.BestValue);
    }

    [Fact]
    public async Task TheStudyDeadlineCancelsRunningTrialsAndStopsIssuingNewOnes()
    {
        var study = new Study(Build(), Options(studyTimeLimit: TimeSpan.FromMinutes(1), evaluations: null, workers: 2));
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            _started.Release();
            c.CancellationToken.WaitHandle.WaitOne(Wait);
            return 1.0;
        }));
        Assert.True(await _started.WaitAsync(Wait));
        Assert.True(await _started.WaitAsync(Wait));
        _time.Advance(TimeSpan.FromMinutes(1));
        var result = await run.WaitAsync(Wait);

        Assert.Equal(StopReason.TimeLimit, result.StopReason);
        Assert.Equal(2, result.Trials.Count);
        Assert.All(result.Trials, t => Assert.Equal((TrialState.Cancelled, "The study's time limit of 00:01:00 was reached."), (t.State, t.Error)));
    }

    [Fact]
    public async Task AfterStopTheStudyDeadlineStillCancelsTheRunningTrial()
    {
        var study = new Study(Build(), Options(studyTimeLimit: TimeSpan.FromMinutes(1), evaluations: null));
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            _started.Release();
            return c.CancellationToken.WaitHandle.WaitOne(Wait) ? 1.0 : throw new TimeoutException("the trial was never cancelled");
        }));
        Assert.True(await _started.WaitAsync(Wait));
        study.Stop();
        _time.Advance(TimeSpan.FromMinutes(1));
        var result = await run.WaitAsync(Wait);

        Assert.Equal(StopReason.Stopped, result.StopReason);
        var trial = Assert.Single(result.Trials);
        Assert.Equal((TrialState.Cancelled, "The study's time limit of 00:01:00 was reached."), (trial.State, trial.Error));
    }

    [Fact]
    public async Task ATimedOutTrialIsRecordedBeforeItsObjectiveIsTold()
    {
        Study? study = null;
        TrialState? stateWhenTold = null;
        study = new Study(Build(), Options(trialTimeLimit: TimeSpan.FromSeconds(10), evaluations: 2));
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            if (c.Number > 0)
            {
                return 1.0;
            }

            using var told = new ManualResetEventSlim();
            using var registration = c.CancellationToken.Register(() =>
            {
                stateWhenTold = study!.Trials[c.Number].State;
                told.Set();
            });
            _started.Release();
            return told.Wait(Wait) ? 2.0 : throw new TimeoutException("the objective was never told");
        }));
        Assert.True(await _started.WaitAsync(Wait));
        _time.Advance(TimeSpan.FromSeconds(10));
        var result = await run.WaitAsync(Wait);

        Assert.Equal(TrialState.TimedOut, stateWhenTold);
        Assert.Equal([TrialState.TimedOut, TrialState.Complete], result.Trials.Select(t => t.State));
    }

    [Fact]
    public async Task AMemoryProbeThatThrowsStopsTheRunNotTheClock()
    {
        var study = new Study(Build(), Options(evaluations: 3) with { MemoryLimit = 1000, MemoryProbe = () => throw new InvalidOperationException("no memory reading") });
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            _started.Release();
            c.CancellationToken.WaitHandle.WaitOne(Wait);
            return 1.0;
        }));
        Assert.True(await _started.WaitAsync(Wait));
        _time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(Wait));
        Assert.Equal("no memory reading", error.Message);
        Assert.Equal(StopReason.Failed, study.StopReason);
        Assert.Equal((TrialState.Cancelled, "The memory probe failed: no memory reading"), (study.Trials[0].State, study.Trials[0].Error));
    }

    [Fact]
    public async Task ThreePollsAboveTheMemoryCapCancelTrialsAndHoldWorkersButDoNotStopTheStudy()
    {
        long memory = 100;
        var study = new Study(Build(), Options(evaluations: 3) with { MemoryLimit = 1000, MemoryProbe = () => Interlocked.Read(ref memory) });
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            _started.Release();
            if (c.Number == 0)
            {
                c.CancellationToken.WaitHandle.WaitOne(Wait);
            }

            return 1.0;
        }));
        Assert.True(await _started.WaitAsync(Wait));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TrialState.Running, study.Trials[0].State);
        Interlocked.Exchange(ref memory, 5000);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((TrialState.Cancelled, "The memory limit of 1000 bytes was exceeded (5000 bytes in use)."), (study.Trials[0].State, study.Trials[0].Error));
        _time.Advance(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await _started.WaitAsync(TimeSpan.FromMilliseconds(100)), "no trial may start above the cap");
        Interlocked.Exchange(ref memory, 200);
        _time.Advance(TimeSpan.FromSeconds(1));
        var result = await run.WaitAsync(Wait);

        Assert.Equal([TrialState.Cancelled, TrialState.Complete, TrialState.Complete], result.Trials.Select(t => t.State));
        Assert.Equal(StopReason.BudgetReached, result.StopReason);
    }

    [Fact]
    public async Task MemoryThatStaysAboveTheCapWithNothingRunningStopsTheStudy()
    {
        var study = new Study(Build(), Options(evaluations: 3) with { MemoryLimit = 1000, MemoryProbe = () => 5000 });
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            _started.Release();
            c.CancellationToken.WaitHandle.WaitOne(Wait);
            return 1.0;
        }));
        Assert.True(await _started.WaitAsync(Wait));
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var result = await run.WaitAsync(Wait);
        Assert.Equal(StopReason.MemoryLimit, result.StopReason);
        Assert.Equal(TrialState.Cancelled, Assert.Single(result.Trials).State);
    }

    [Fact]
    public async Task OnlyConsecutivePollsAboveTheMemoryCapCountTowardsStoppingTheStudy()
    {
        long memory = 5000;
        var study = new Study(Build(), Options(evaluations: 3) with { MemoryLimit = 1000, MemoryProbe = () => Interlocked.Read(ref memory) });
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            _started.Release();
            return c.Number < 2 && c.CancellationToken.WaitHandle.WaitOne(Wait) ? 0.0 : 1.0;
        }));
        Assert.True(await _started.WaitAsync(Wait));

        // Three polls above the cap, one below, three above again: never four in a row, so the study goes on.
        foreach (var above in new[] { true, true, true, false, true, true, true, false })
        {
            Interlocked.Exchange(ref memory, above ? 5000 : 200);
            _time.Advance(TimeSpan.FromSeconds(1));
            if (!above)
            {
                Assert.True(await _started.WaitAsync(Wait), "a trial starts once memory falls back");
            }
        }

        var result = await run.WaitAsync(Wait);
        Assert.Equal(StopReason.BudgetReached, result.StopReason);
        Assert.Equal([TrialState.Cancelled, TrialState.Cancelled, TrialState.Complete], result.Trials.Select(t => t.State));
    }

    [Fact]
    public async Task CancellingTheStudyCancelsRunningTrialsAndReturnsTheResultSoFar()
    {
        using var cancellation = new CancellationTokenSource();
        var study = new Study(Build(), Options(evaluations: 10));
        var run = study.OptimizeAsync(
            Objective.Create(c =>
            {
                if (c.Number == 2)
                {
                    _started.Release();
                    c.CancellationToken.WaitHandle.WaitOne(Wait);
                }

                return c.Number;
            }),
            cancellationToken: cancellation.Token);
        Assert.True(await _started.WaitAsync(Wait));
        await cancellation.CancelAsync();
        var result = await run.WaitAsync(Wait);

        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal([TrialState.Complete, TrialState.Complete, TrialState.Cancelled], result.Trials.Select(t => t.State));
        Assert.Equal("The study was cancelled.", result.Trials[2].Error);
        Assert.Equal(0, result.BestValue);
    }

    [Fact]
    public async Task AsynchronousObjectivesRunInParallelToo()
    {
        var running = 0;
        var most = 0;
        var rounds = new Rendezvous(size: 3, rounds: 3);
        var result = await new Study(Build(), new StudyOptions { MaxParallelism = 3, MaxEvaluations = 9, Seed = 1 })
            .OptimizeAsync(async c =>
            {
                InterlockedMax(ref most, Interlocked.Increment(ref running));
                await rounds.Arrive(c.Number);
                Interlocked.Decrement(ref running);
                return c.HyperParameters.GetDouble("x");
            }).WaitAsync(Wait);

        Assert.Equal(9, result.Trials.Count(t => t.State == TrialState.Complete));
        Assert.Equal(3, most);
        Assert.Equal([0, 1, 2], result.Trials.Select(t => t.Worker).Distinct().Order());
    }

    [Fact]
    public async Task AnAsynchronousObjectiveRunsOnTheDefaultSingleWorker()
    {
        var result = await new Study(Build(), new StudyOptions { MaxEvaluations = 4, Seed = 1 })
            .OptimizeAsync(async c =>
            {
                await Task.Yield();
                return c.HyperParameters.GetDouble("x");
            }).WaitAsync(Wait);

        Assert.Equal(StopReason.BudgetReached, result.StopReason);
        Assert.Equal(4, result.Trials.Count(t => t.State == TrialState.Complete));
    }

    [Fact]
    public void ATrialThatBeganBeforeTheBudgetRanOutStillRunsButNoneEscapesACancellation()
    {
        // Between a worker's trial beginning and its registration, another worker may find the budget spent.
        using var run = new StudyRun(Options(), CancellationToken.None);
        var cancelled = new List<(int, TrialState, string)>();
        run.Stop(StopReason.BudgetReached, "The budget of evaluations is spent.", cancelRunning: false);
        Assert.True(run.TryRegister(7, (state, why) => cancelled.Add((7, state, why))));
        Assert.Null(run.CancelMessage);

        run.Stop(StopReason.Cancelled, "The study was cancelled.", cancelRunning: true);
        Assert.False(run.TryRegister(8, (state, why) => cancelled.Add((8, state, why))));
        Assert.Equal([(7, TrialState.Cancelled, "The study was cancelled.")], cancelled);
        Assert.Equal(("The study was cancelled.", StopReason.BudgetReached), (run.CancelMessage, run.Reason));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>
    /// Runs <paramref name="optimizer"/> with a trial time limit of 10 seconds and an objective that waits for its
    /// cancellation, lets the first trial time out, and returns what <c>Optimize</c> threw.
    /// </summary>
    private async Task<(Study Study, Exception Error)> TimeOutTheOnlyTrial(HpoSharp.Optimizers.BaseHPOptimizer optimizer, StudyOptions options)
    {
        var study = new Study(optimizer, options with { TrialTimeLimit = TimeSpan.FromSeconds(10), MaxEvaluations = 3 });
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            _started.Release();
            c.CancellationToken.WaitHandle.WaitOne(Wait);
            c.CancellationToken.ThrowIfCancellationRequested();
            return 1.0;
        }));
        Assert.True(await _started.WaitAsync(Wait));
        _time.Advance(TimeSpan.FromSeconds(10));
        return (study, await Assert.ThrowsAnyAsync<Exception>(() => run.WaitAsync(Wait)));
    }

    /// <summary>An objective whose trial 0 finishes once trial 1 has started, and whose trial 1 runs until it is cancelled.</summary>
    private static Objective FirstFinishesWhileSecondRuns(ManualResetEventSlim secondStarted) => Objective.Create(c =>
    {
        if (c.Number == 0)
        {
            return secondStarted.Wait(Wait) ? 0.0 : throw new TimeoutException("trial 1 never started");
        }

        secondStarted.Set();
        return c.CancellationToken.WaitHandle.WaitOne(Wait) ? 1.0 : throw new TimeoutException("trial 1 was never cancelled");
    });

    private static HpoSharp.Optimizers.BaseHPOptimizer Build() => HpoRegistry.Build("random", [new RangeHP("x", 0, 1)]);

    private StudyOptions Options(TimeSpan? trialTimeLimit = null, TimeSpan? studyTimeLimit = null, int? evaluations = 5, int workers = 1) => new()
    {
        TimeProvider = _time,
        TrialTimeLimit = trialTimeLimit,
        TimeLimit = studyTimeLimit,
        MaxEvaluations = evaluations,
        MaxParallelism = workers,
        Seed = 1,
    };

    /// <summary>Holds each trial until every trial of its round (numbers divided by the round's size) has arrived.</summary>
    private sealed class Rendezvous(int size, int rounds)
    {
        private readonly int[] _arrived = new int[rounds];
        private readonly TaskCompletionSource[] _complete = [.. Enumerable.Range(0, rounds).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];

        public Task Arrive(int number)
        {
            var round = number / size;
            if (Interlocked.Increment(ref _arrived[round]) == size)
            {
                _complete[round].SetResult();
            }

            return _complete[round].Task.WaitAsync(Wait);
        }
    }

    /// <summary>An in-memory store whose every attempt to finish a trial fails.</summary>
    private sealed class UnfinishableStore : ITrialStore
    {
        private readonly InMemoryTrialStore _store = new();

        public Trial CreateTrial(Trial template) => _store.CreateTrial(template);

        public Trial? ClaimWaitingTrial(int worker, DateTimeOffset now) => _store.ClaimWaitingTrial(worker, now);

        public bool FinishTrial(int number, TrialState state, ImmutableArray<double> values, string? error, DateTimeOffset now) =>
            throw new IOException("the database is gone");

        public void ReportIntermediateValue(int number, long step, double value) => _store.ReportIntermediateValue(number, step, value);

        public void SetAttribute(int number, string key, object value, bool system) => _store.SetAttribute(number, key, value, system);

        public void Heartbeat(int number, DateTimeOffset now) => _store.Heartbeat(number, now);

        public TrialChanges GetChanges(long sinceVersion) => _store.GetChanges(sinceVersion);
    }
}
