using HpoSharp.Bench.Timing;

namespace HpoSharp.Tests.Bench;

public sealed class MultiObjectiveTimingTests
{
    [Fact]
    public void ARowGivesMillisecondsAndTheTimeRatioOrADashWhereOptunaDidNotRun()
    {
        Assert.Equal("| tpe / TPESampler | front | 1,000 | 28.000 ms | 560.000 ms | 0.050 |", MultiObjectiveTiming.Row("tpe / TPESampler", "front", 1_000, 0.028, 0.56));
        Assert.Equal("| random / RandomSampler | random | 100 | 0.020 ms | — | — |", MultiObjectiveTiming.Row("random / RandomSampler", "random", 100, 2e-5, null));
    }

    [Fact]
    public void Dtlz2PutsPointsWithEveryDistanceParameterAtTheOptimumOnTheUnitSphere()
    {
        var onFront = MultiObjectiveTiming.Dtlz2([0.3, 0.8, 0.5, 0.5, 0.5, 0.5, 0.5]);
        var off = MultiObjectiveTiming.Dtlz2([0.3, 0.8, 0.5, 0.5, 0.5, 0.5, 0.9]);

        Assert.Equal(1, onFront.Sum(f => f * f), 14);
        Assert.Equal(1.16 * 1.16, off.Sum(f => f * f), 14);
        Assert.Equal(Math.Sin(0.3 * Math.PI / 2), onFront[2], 15);
    }
}
