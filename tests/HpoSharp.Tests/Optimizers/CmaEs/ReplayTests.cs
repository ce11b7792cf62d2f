using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// The evolution strategies rebuild their state by replaying the history in (finish time, trial number) order. Here trials
/// finish in a scrambled order with finish times that often precede those already seen, some enqueued and added trials
/// join them, and a fresh optimizer given a copy of the history must always suggest what the live one suggests.
/// </summary>
public sealed class ReplayTests
{
    private const string AdaptiveCmaEs = "cmaes with learning rate adaptation";
    private const string SeparableCmaEs = "separable cmaes with learning rate adaptation";

    [Theory]
    [InlineData("cmaes")]
    [InlineData("mocmaes")]
    [InlineData(AdaptiveCmaEs)]
    [InlineData(SeparableCmaEs)]
    public void AFreshOptimizerFollowsTheLiveOneThroughScrambledFinishes(string algorithm)
    {
        var space = TestSpaces.Rich();
        var clock = new ScriptedClock();
        var options = new StudyOptions { Seed = 21, MaxParallelism = 4, TimeProvider = clock };
        var live = new Study(Build(algorithm, space), options);
        var rng = new RandomStream(77);
        var running = new List<TrialContext>();
        for (var step = 0; step < 150; step++)
        {
            while (running.Count < 4)
            {
                if (step % 10 == 0)
                {
                    var copy = new InMemoryTrialStore();
                    foreach (var trial in live.Trials)
                    {
                        copy.CreateTrial(trial);
                    }

                    var fresh = new Study(Build(algorithm, space), options with { Store = copy });
                    var expected = fresh.Ask(running.Count);
                    var actual = live.Ask(running.Count);
                    Assert.Equal(expected.Number, actual.Number);
                    Assert.Equal(fresh.Trials[expected.Number].Params.ToArray(), live.Trials[actual.Number].Params.ToArray());
                    running.Add(actual);
                }
                else
                {
                    running.Add(live.Ask(running.Count));
                }
            }

            // A random running trial finishes, stamped up to 30 seconds before or after the clock's last reading.
            var done = running[rng.NextInt(running.Count)];
            running.Remove(done);
            clock.Now = clock.Now.AddSeconds(rng.NextDouble(-30, 31));
            if (rng.NextDouble() < 0.1)
            {
                live.Tell(done.Number, TrialState.Failed, "a failure");
            }
            else
            {
                live.Tell(done.Number, TestSpaces.RichObjective(done.HyperParameters));
            }

            // Now and then an outside trial: the same configuration enqueued, or added with a worse value.
            var configuration = done.HyperParameters.ToDictionary(kv => kv.Key, kv => (object?)kv.Value);
            if (step % 9 == 4)
            {
                live.Enqueue(configuration);
            }
            else if (step % 23 == 7)
            {
                live.AddTrial(configuration, TestSpaces.RichObjective(done.HyperParameters) + 0.5);
            }
        }
    }

    private static BaseHPOptimizer Build(string algorithm, SearchSpace space) => algorithm switch
    {
        AdaptiveCmaEs => new CmaEsOptimizer(space, new CmaEsOptions { LearningRateAdaptation = true }),
        SeparableCmaEs => new CmaEsOptimizer(space, new CmaEsOptions { Separable = true, LearningRateAdaptation = true }),
        _ => HpoRegistry.Build(algorithm, space),
    };
}
