using System.Collections.Immutable;
using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// How runs follow one another. On a constant objective every generation is flat, so each run ends after its third
/// generation and the populations of the runs can be read off the trials, one generation after another.
/// </summary>
public sealed class RestartTests
{
    [Theory]
    [InlineData(2.0, new[] { 6, 12, 24 })]
    [InlineData(3.0, new[] { 6, 18, 54 })]
    public void IpopMultipliesThePopulationAtEachRestart(double increase, int[] populations)
    {
        var options = new CmaEsOptions { Restarts = RestartStrategy.Ipop, PopulationIncrease = increase };
        int[][] expected = [.. populations.Select(lambda => new[] { lambda, lambda, lambda })];
        Assert.Equal(expected, GenerationSizesByRun(options, seed: 1, evaluations: 3 * populations.Sum()));
    }

    [Theory]
    [InlineData(RestartStrategy.Ipop)]
    [InlineData(RestartStrategy.Bipop)]
    public void ThePopulationOfARestartGrowsNoFurtherThanAMillion(RestartStrategy restarts)
    {
        // The first run (6 × 3 evaluations) ends; the next would multiply its population by 1e12.
        var options = new CmaEsOptions { Restarts = restarts, PopulationIncrease = 1e12 };
        var sizes = GenerationSizesByRun(options, seed: 1, evaluations: 18 + 40);
        Assert.Equal([[6, 6, 6], [40]], sizes);
    }

    [Fact]
    public void BipopAlternatesLargeRunsWithCappedSmallOnes()
    {
        // The first run (6 × 3 evaluations) counts for the small regime, so the second is large (12 × 3). The small regime
        // has used less, so small runs follow, each with a random population from 6 to 12 and at most ⌊0.5·36/λ⌋
        // generations, until they have used more than the large one (18 + 16 + 14 > 36): then a large run again, of 24.
        var options = new CmaEsOptions { Restarts = RestartStrategy.Bipop };
        int[][] expected = [[6, 6, 6], [12, 12, 12], [8, 8], [7, 7], [24, 24, 24]];
        Assert.Equal(expected, GenerationSizesByRun(options, seed: 1, evaluations: 18 + 36 + 16 + 14 + 72));
    }

    [Fact]
    public void ARunThatBreaksDownNumericallyIsFollowedByANewOneEvenWithoutRestarts()
    {
        // A first generation whose stored samples lie so far out that the update overflows.
        var space = TestFunctions.Box(2, -5, 5);
        var options = new CmaEsOptions { Restarts = RestartStrategy.None };
        var first = new Study(new CmaEsOptimizer(space, options), new StudyOptions { Seed = 2, MaxEvaluations = 6 })
            .Optimize((hps, _) => TestFunctions.Sphere(TestFunctions.Point(hps, 2)));
        var store = new InMemoryTrialStore();
        foreach (var trial in first.Trials)
        {
            store.CreateTrial(trial with { SystemAttributes = trial.SystemAttributes.SetItem(CmaEsOptimizer.SampleAttribute, ImmutableArray.Create(1e300, 1e300)) });
        }

        var study = new Study(new CmaEsOptimizer(space, options), new StudyOptions { Seed = 2, Store = store });
        var number = study.Ask().Number;
        var next = study.Trials[number];
        Assert.Equal(1L, next.SystemAttributes[CmaEsOptimizer.RestartAttribute]);
        Assert.Equal(1L, next.SystemAttributes[CmaEsOptimizer.GenerationAttribute]);
        Assert.All(next.Params, p => Assert.InRange(p, -5, 5));
    }

    /// <summary>The number of trials of each generation of each run, on a constant objective.</summary>
    private static int[][] GenerationSizesByRun(CmaEsOptions options, ulong seed, int evaluations)
    {
        var result = new Study(new CmaEsOptimizer(TestFunctions.Box(2, 0, 1), options), new StudyOptions { Seed = seed, MaxEvaluations = evaluations })
            .Optimize((_, _) => 1.0);
        return [.. result.Trials.GroupBy(t => (long)t.SystemAttributes[CmaEsOptimizer.RestartAttribute])
            .Select(run => run.GroupBy(t => (long)t.SystemAttributes[CmaEsOptimizer.GenerationAttribute]).Select(generation => generation.Count()).ToArray())];
    }
}
