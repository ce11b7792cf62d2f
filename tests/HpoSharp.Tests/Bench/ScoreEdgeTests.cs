using HpoSharp.Bench.Metrics;
using HpoSharp.Bench.Problems;

namespace HpoSharp.Tests.Bench;

/// <summary>Edge cases of the scores: the reference box, the noise-free values of multi-objective traces, the floor, and the stated front volumes.</summary>
public sealed class ScoreEdgeTests
{
    [Fact]
    public void APointBeyondTheReferenceInOneObjectiveAddsNothing()
    {
        Assert.Equal(0, Hypervolume.Of([[4, 1]], [3.0, 3]));
        Assert.Equal(4, Hypervolume.Of([[1, 1], [4, 0], [0, 3.5]], [3.0, 3]), 12);
        Assert.Equal(0, Hypervolume.Of([[0.5, 0.5, 2]], [1.0, 1, 1]));
        Assert.Equal(0.125, Hypervolume.Of([[0.5, 0.5, 0.5], [-1, 0.2, 1.5], [0.1, 2, 0.1]], [1.0, 1, 1]), 12);
    }

    [Fact]
    public void AMultiObjectiveTraceIsJudgedOnItsNoiseFreeValues()
    {
        var builder = new RunTraceBuilder();
        builder.Add([0.5, 0.5], [0.5, 0.5]);
        builder.Add([0.9, 0.9], [0.2, 0.2]);
        builder.Add([0.1, 0.1], [0.6, 0.6]);

        var trace = builder.Build(0);

        Assert.Equal([1, 2], trace.Points.Select(p => p.At));
        Assert.Equal(1 - 0.64, trace.HypervolumeGap(3, [1.0, 1], 1), 12);
        Assert.Equal(1 - 0.25, trace.HypervolumeGap(1, [1.0, 1], 1), 12);
    }

    [Fact]
    public void AGapOfZeroIsFloored()
    {
        var builder = new RunTraceBuilder();
        builder.Add([0, 0], [0, 0]);

        Assert.Equal(RunTrace.Floor, builder.Build(0).HypervolumeGap(1, [1.0, 1], 1));
    }

    [Theory]
    [InlineData("zdt1-8d", 0.8766666666666666)]
    [InlineData("zdt2-8d", 0.5433333333333334)]
    [InlineData("dtlz2-3obj-7d", 0.8074012244017016)]
    [InlineData("dtlz1-3obj-7d", 999999.9791666666)]
    public void TheStatedFrontVolumesAreTheClosedForms(string name, double expected)
    {
        // ZDT1 0.1 + 2/3 + 0.11, ZDT2 0.1 + 1/3 + 0.11, DTLZ2 1.1³ - π/6, DTLZ1 100³ - (1/2)³/6.
        Assert.Equal(expected, ProblemCatalog.Get(name).Create(3).FrontHypervolume, 1e-9);
    }

    [Fact]
    public void TheZdt3FrontVolumeIsTheExactValueToTenDigits()
    {
        // The integral over f1 in [0, 1.1] of 1.1 minus the running minimum of f2 along the curve, which a staircase of
        // curve points underestimates by about 4e-6 at 200,001 points.
        Assert.Equal(1.3317629086546676, ProblemCatalog.Get("zdt3-8d").Create(0).FrontHypervolume, 1e-9);
    }
}
