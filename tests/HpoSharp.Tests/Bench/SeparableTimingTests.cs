using HpoSharp.Bench.Timing;

namespace HpoSharp.Tests.Bench;

public sealed class SeparableTimingTests
{
    [Fact]
    public void TheTableGivesMillisecondsAndTheRatioOrADashWhereOptunaDidNotRun()
    {
        var lines = SeparableTiming.Table([(10, 2e-5, 5.6e-4), (500, 2.9e-4, null)], "5.0.0").ToArray();
        Assert.Equal("| n | HpoSharp cmaes, Separable | Optuna 5.0.0 CmaEsSampler(use_separable_cma=True) | ratio |", lines[0]);
        Assert.Equal("| 10 | 0.020 ms | 0.560 ms | 28× |", lines[2]);
        Assert.Equal("| 500 | 0.290 ms | — | — |", lines[3]);
        Assert.Contains("(not available)", SeparableTiming.Table([], null).First());
    }
}
