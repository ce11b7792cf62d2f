using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;
using Microsoft.Extensions.Time.Testing;
using static HpoSharp.Tests.Patience;

namespace HpoSharp.Tests.Execution;

/// <summary>How a failure outside the objective ends a study: its stop reason, the workers it waits for, the trials still reported.</summary>
public sealed class StudyFailureTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly SemaphoreSlim _started = new(0);

    [Fact]
    public async Task ACallbackThatThrowsOnATrialTheDeadlineCancelledStopsTheStudyAsFailed()
    {
        var study = new Study(Build(), new StudyOptions
        {
            Seed = 1,
            MaxEvaluations = null,
            TimeLimit = TimeSpan.FromMinutes(1),
            TimeProvider = _time,
            OnTrialFinished = (_, _) => throw new InvalidOperationException("the callback broke"),
        });
        var run = study.OptimizeAsync(Objective.Create(c =>
        {
            _started.Release();
            c.CancellationToken.WaitHandle.WaitOne(Wait);
            return 1.0;
        }));
        Assert.True(await _started.WaitAsync(Wait));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("the callback broke", (await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(Wait))).Message);
        Assert.Equal(StopReason.Failed, study.StopReason);
    }

    [Fact]
    public void ACallbackThatStopsTheStudyAndThenThrowsStopsItAsFailed()
    {
        var study = new Study(Build(), new StudyOptions
        {
            Seed = 1,
            MaxEvaluations = 5,
            OnTrialFinished = (s, _) =>
            {
                s.Stop();
                throw new InvalidOperationException("the callback broke");
            },
        });

        Assert.Equal("the callback broke", Assert.Throws<InvalidOperationException>(() => study.Optimize(c => 1.0)).Message);
        Assert.Equal(StopReason.Failed, study.StopReason);
    }

    [Fact]
    public void WhenTheCallersOwnWorkerFailsOptimizeStillWaitsForTheOtherWorkersObjective()
    {
        using var secondStarted = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var study = new Study(new StudyTests.ForgetfulOptimizer(new SearchSpace([new RangeHP("x", 0, 1)]), forgets: (pid, _) => pid == 0), new StudyOptions { Seed = 1, MaxParallelism = 2, MaxEvaluations = 2 });
        var run = Task.Run(() => study.Optimize(Objective.Create(c =>
        {
            if (c.Worker == 0)
            {
                return secondStarted.Wait(Wait) ? 0.0 : throw new TimeoutException("worker 1 never started a trial");
            }

            secondStarted.Set();
            return release.Wait(Wait) ? 1.0 : throw new TimeoutException("worker 1 was never released");
        })));
        Assert.True(secondStarted.Wait(Wait));

        var returnedEarly = ((IAsyncResult)run).AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(500));
        release.Set();
        Assert.Throws<AggregateException>(() => run.Wait(Wait));
        Assert.False(returnedEarly, "Optimize returned while worker 1 was still running its objective");
    }

    [Fact]
    public void WithAskAndTellATrialTheCallbackFinishedIsReportedEvenThoughTheCallbackThenThrew()
    {
        var seen = new List<int>();
        Study? study = null;
        study = new Study(Build(), new StudyOptions
        {
            Seed = 1,
            OnTrialFinished = (_, trial) =>
            {
                seen.Add(trial.Number);
                if (trial.Number == 0)
                {
                    study!.Tell(study.Ask().Number, 2.0);
                    throw new InvalidOperationException("the callback broke");
                }
            },
        });

        Assert.Throws<InvalidOperationException>(() => study.Tell(study.Ask().Number, 1.0));
        Assert.Equal(TrialState.Complete, study.Trials[1].State);
        Assert.Equal([0, 1], seen);
    }

    private static BaseHPOptimizer Build() => HpoRegistry.Build("random", [new RangeHP("x", 0, 1)]);
}
