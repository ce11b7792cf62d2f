using HpoSharp.Bench.Metrics;

namespace HpoSharp.Tests.Bench;

public sealed class RunTraceTests
{
    [Fact]
    public void ASingleObjectiveTraceScoresEveryPrefixByTheReportedBest()
    {
        var builder = new RunTraceBuilder();
        builder.Add([5], [5]);
        builder.AddFailed();
        builder.Add([2], [3]);
        builder.Add([2], [0.5]);
        builder.Add([1], [1 + 1e-12]);

        var trace = builder.Build(0);

        Assert.Equal(5, trace.Trials);
        Assert.Equal([1, 3, 5], trace.Points.Select(p => p.At));
        Assert.Equal(4, trace.Regret(2, 1), 12);
        Assert.Equal(2, trace.Regret(4, 1), 12);
        Assert.Equal(RunTrace.Floor, trace.Regret(5, 1));
        Assert.Equal(double.PositiveInfinity, new RunTraceBuilder().Build(0).Regret(10, 0));
    }

    [Fact]
    public void AMultiObjectiveTraceKeepsPointsNotDominatedOnArrival()
    {
        var builder = new RunTraceBuilder();
        builder.Add([0.5, 0.5], [0.5, 0.5]);
        builder.Add([0.6, 0.6], [0.6, 0.6]);
        builder.Add([0.5, 0.5], [0.5, 0.5]);
        builder.Add([0.2, 0.9], [0.2, 0.9]);
        builder.Add([0.1, 0.1], [0.1, 0.1]);

        var trace = builder.Build(0);

        Assert.Equal([1, 4, 5], trace.Points.Select(p => p.At));
        Assert.Equal(1 - 0.25, trace.HypervolumeGap(3, [1.0, 1], 1), 12);
        Assert.Equal(1 - 0.81, trace.HypervolumeGap(5, [1.0, 1], 1), 12);
    }
}
