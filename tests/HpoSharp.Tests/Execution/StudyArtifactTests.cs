using HpoSharp.Execution;
using HpoSharp.Trials;
using Microsoft.Extensions.Time.Testing;

namespace HpoSharp.Tests.Execution;

/// <summary>What the study keeps of the artifacts that objectives hand back, and when it disposes the others.</summary>
public sealed class StudyArtifactTests
{
    [Fact]
    public void OnlyTheBestTrialsArtifactIsKeptTheOthersAreDisposed()
    {
        var models = new List<Model>();
        var result = HpoRegistry.Build("random", TestSpaces.Small(), Objective.Create(c =>
        {
            var model = new Model(c.HyperParameters.GetDouble("x"));
            lock (models)
            {
                models.Add(model);
            }

            c.Artifact = model;
            return model.Loss;
        })).Optimize(options: new StudyOptions { Seed = 5, MaxEvaluations = 30, MaxParallelism = 3 });

        var best = Assert.IsType<Model>(result.BestArtifact);
        Assert.Equal(result.BestValue, best.Loss);
        Assert.False(best.Disposed);
        Assert.All(models.Where(m => m != best), m => Assert.True(m.Disposed));
    }

    [Fact]
    public async Task AnArtifactSetAfterItsTrialTimedOutIsDisposed()
    {
        var time = new FakeTimeProvider();
        using var started = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        var (late, kept) = (new Model(42), new Model(1));
        var run = new Study(HpoRegistry.Build("random", TestSpaces.Small()), new StudyOptions { Seed = 1, MaxEvaluations = 2, TrialTimeLimit = TimeSpan.FromSeconds(5), TimeProvider = time })
            .OptimizeAsync(Objective.Create(c =>
            {
                started.Release();
                var model = c.Number == 0 && release.Wait(Patience.Wait) ? late : kept;
                c.Artifact = model;
                return model.Loss;
            }));
        Assert.True(await started.WaitAsync(Patience.Wait));
        time.Advance(TimeSpan.FromSeconds(5));
        release.Set();
        var result = await run.WaitAsync(Patience.Wait);

        Assert.Equal([TrialState.TimedOut, TrialState.Complete], result.Trials.Select(t => t.State));
        Assert.True(late.Disposed);
        Assert.Same(kept, result.BestArtifact);
        Assert.False(kept.Disposed);
    }

    [Fact]
    public void InAMultiObjectiveStudyTheArtifactsOfTheParetoFrontAreKeptAndReadableAndTheOthersDisposed()
    {
        var study = new Study(HpoRegistry.Build("random", TestSpaces.Small()), new StudyOptions { Seed = 1, Directions = [Direction.Minimize, Direction.Minimize] });
        double[][] values = [[1, 3], [2, 2], [3, 3], [0.5, 4], [2, 1]];
        var models = values.Select(v => Evaluate(study, new Model(v[0]), v)).ToList();

        // (3, 3) never joins the front; (2, 2) leaves it when (2, 1) arrives.
        var front = study.ParetoFront.Select(t => t.Number).ToList();
        Assert.Equal([0, 3, 4], front);
        Assert.Equal(models.Select((_, number) => !front.Contains(number)), models.Select(m => m.Disposed));
        var result = study.GetResult();
        Assert.Null(result.BestArtifact);
        Assert.Equal(models.Select((m, number) => front.Contains(number) ? m : null), result.Trials.Select(result.ArtifactOf));
    }

    [Fact]
    public void AnAsynchronouslyDisposableArtifactIsDisposedWhenItsTrialIsNoLongerTheBest()
    {
        var study = new Study(HpoRegistry.Build("random", TestSpaces.Small()), new StudyOptions { Seed = 1 });
        var first = Evaluate(study, new AsyncModel(), 1.0);
        var second = Evaluate(study, new AsyncModel(), 0.5);

        Assert.True(first.Disposed);
        Assert.False(second.Disposed);
        Assert.Same(second, study.GetResult().BestArtifact);
    }

    /// <summary>Runs one trial by ask and tell, handing back <paramref name="artifact"/>.</summary>
    private static T Evaluate<T>(Study study, T artifact, params double[] values)
        where T : notnull
    {
        var trial = study.Ask();
        trial.Artifact = artifact;
        study.Tell(trial.Number, values);
        return artifact;
    }

    private sealed class Model(double loss) : IDisposable
    {
        public double Loss { get; } = loss;

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    private sealed class AsyncModel : IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
