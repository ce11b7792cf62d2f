using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.Tpe;

public sealed class KernelBandwidthTests
{
    [Theory]
    [InlineData(false, new[] { 1.0, 2, 2 })]
    [InlineData(true, new[] { 1.0, 2, 6 })]
    public void EachKernelIsAsWideAsTheLargerGapToItsNeighbours(bool considerEndpoints, double[] expected)
    {
        var bandwidths = new double[3];
        KernelBandwidth.Neighbours([1, 2, 4], 0, 10, considerEndpoints, bandwidths);

        Assert.Equal(expected, bandwidths);
    }

    [Fact]
    public void ALoneObservationIsAsWideAsItsLargerGapToTheBounds()
    {
        var bandwidths = new double[1];
        KernelBandwidth.Neighbours([3], 0, 10, considerEndpoints: false, bandwidths);

        Assert.Equal(7.0, bandwidths[0]);
    }

    [Fact]
    public void ScottsRuleTakesTheSmallerOfTheDeviationAndTheScaledInterquartileRange()
    {
        // [1, 2, 4]: deviation √(7/3) ≈ 1.53, interquartile range 3 − 1.5; [0, 0, 10, 10]: deviation √(100/3) ≈ 5.8, range 10.
        Assert.Equal(1.06 * (1.5 / 1.34) * Math.Pow(3, -1.0 / 5), KernelBandwidth.Scott([1, 2, 4], 1), 12);
        Assert.Equal(1.06 * (1.5 / 1.34) * Math.Pow(3, -1.0 / 6), KernelBandwidth.Scott([1, 2, 4], 2), 12);
        Assert.Equal(1.06 * Math.Sqrt(100.0 / 3) * Math.Pow(4, -1.0 / 5), KernelBandwidth.Scott([0, 0, 10, 10], 1), 12);
    }

    [Fact]
    public void TheRangeScaledRuleIsAFifthOfTheRangeShrinkingWithTheCount() =>
        Assert.Equal(0.2 * 10 * Math.Pow(16, -1.0 / 8), KernelBandwidth.RangeScaled(16, 4, 10), 12);

    [Theory]
    [InlineData(3, 2.0, 10.0 / 16)]
    [InlineData(3, 1.0, 10.0 / 4)]
    [InlineData(199, 1.0, 0.1)]
    public void TheSmallestBandwidthShrinksWithThePowerOfTheKernelsDownToAFloor(int kernels, double exponent, double expected) =>
        Assert.Equal(expected, KernelBandwidth.Minimum(10, kernels, 0.01, exponent), 12);
}
