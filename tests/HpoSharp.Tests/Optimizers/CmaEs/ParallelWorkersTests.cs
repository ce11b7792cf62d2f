using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// Parallel workers finishing in a scripted order, one second apart, on a sphere in 2 variables (λ = 6): which complete
/// trials make up a generation, read off the generation of the next suggestion.
/// </summary>
public sealed class ParallelWorkersTests
{
    [Fact]
    public void LateMembersOfThePreviousGenerationCountTowardsTheNext()
    {
        var workers = new Workers();
        workers.FinishLate(lambda: 6, late: 3, next: 3);
        Assert.Equal(2, workers.NextGeneration());
    }

    [Fact]
    public void AtMostHalfAPopulationOfLateMembersCounts()
    {
        // Of four late members only three count, so with two of its own the generation still lacks one.
        var workers = new Workers();
        workers.FinishLate(lambda: 6, late: 4, next: 2);
        Assert.Equal(1, workers.NextGeneration());
    }

    [Fact]
    public void LateMembersOfARunThatHasEndedDoNotJoinTheNextRun()
    {
        // On a constant objective the first run ends after three generations; the next one has a population of 12.
        var workers = new Workers(_ => 1);
        workers.Tell(workers.Ask(6));
        workers.Tell(workers.Ask(6));
        workers.FinishLate(lambda: 6, late: 3, next: 9);
        Assert.Equal(3, workers.NextGeneration());
    }

    [Theory]
    [InlineData(TrialState.Failed)]
    [InlineData(TrialState.Pruned)]
    [InlineData(TrialState.TimedOut)]
    public void AMemberThatDoesNotCompleteDoesNotCountSoOneMoreIsSampledInItsPlace(TrialState state)
    {
        var workers = new Workers();
        var first = workers.Ask(6);
        workers.End(first[0], state);
        workers.Tell(first[1..]);
        var replacement = workers.Ask(1);
        Assert.Equal(0, workers.GenerationOf(replacement[0]));
        workers.Tell(replacement);
        Assert.Equal(1, workers.NextGeneration());
    }

    /// <summary>A study whose trials finish when and as the test says, one second after another.</summary>
    private sealed class Workers
    {
        private readonly ScriptedClock _clock = new();
        private readonly Func<double[], double> _objective;
        private readonly Study _study;

        public Workers(Func<double[], double>? objective = null)
        {
            _objective = objective ?? TestFunctions.Sphere;
            _study = new Study(new CmaEsOptimizer(TestFunctions.Box(2, -5, 5)), new StudyOptions { Seed = 1, MaxParallelism = 16, TimeProvider = _clock });
        }

        public TrialContext[] Ask(int count) => [.. Enumerable.Range(0, count).Select(worker => _study.Ask(worker))];

        public void Tell(IEnumerable<TrialContext> trials)
        {
            foreach (var trial in trials)
            {
                _clock.Now = _clock.Now.AddSeconds(1);
                _study.Tell(trial.Number, _objective(TestFunctions.Point(trial.HyperParameters, 2)));
            }
        }

        /// <summary>
        /// Samples <paramref name="lambda"/> + <paramref name="late"/> trials; the first <paramref name="lambda"/> finish,
        /// then <paramref name="next"/> more are sampled, and they finish after the late ones.
        /// </summary>
        public void FinishLate(int lambda, int late, int next)
        {
            var current = Ask(lambda + late);
            Tell(current[..lambda]);
            var following = Ask(next);
            Tell(current[lambda..]);
            Tell(following);
        }

        public void End(TrialContext trial, TrialState state)
        {
            _clock.Now = _clock.Now.AddSeconds(1);
            _study.Tell(trial.Number, state, "not complete");
        }

        public long GenerationOf(TrialContext trial) => (long)_study.Trials[trial.Number].SystemAttributes[CmaEsOptimizer.GenerationAttribute];

        /// <summary>The generation of a new suggestion.</summary>
        public long NextGeneration() => GenerationOf(_study.Ask());
    }
}
