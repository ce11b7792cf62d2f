using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.Bayes;

public sealed class OutputWarpingTests
{
    [Theory]
    [InlineData(-2.5)]
    [InlineData(-0.3)]
    [InlineData(0)]
    [InlineData(1.7)]
    public void YeoJohnsonWithExponentOneIsTheIdentity(double y)
    {
        Assert.Equal(y, OutputWarping.YeoJohnson(y, 1), 14);
    }

    [Fact]
    public void YeoJohnsonIsContinuousAtItsSpecialExponents()
    {
        Assert.Equal(Math.Log(3), OutputWarping.YeoJohnson(2, 0), 14);
        Assert.Equal(Math.Log(3), OutputWarping.YeoJohnson(2, 1e-9), 8);
        Assert.Equal(-Math.Log(3), OutputWarping.YeoJohnson(-2, 2), 14);
        Assert.Equal(-Math.Log(3), OutputWarping.YeoJohnson(-2, 2 - 1e-9), 8);
    }

    [Fact]
    public void WarpingKeepsTheOrderAndSpreadsAHeavyTail()
    {
        // Performance of a minimisation whose bad region is orders of magnitude worse than its good one.
        var rng = new RandomStream(2);
        var perf = Enumerable.Range(0, 40).Select(_ => -Math.Pow(10, 4 * rng.NextDouble())).ToArray();

        var warped = OutputWarping.Warp(perf);

        var order = Enumerable.Range(0, 40).OrderBy(i => perf[i]).ToArray();
        Assert.Equal(order, Enumerable.Range(0, 40).OrderBy(i => warped[i]).ToArray());
        Assert.Equal(0, warped.Average(), 10);
        Assert.Equal(1, Math.Sqrt(warped.Sum(v => v * v) / 40), 10);

        // Standardised alone, the best half is squeezed into a sliver; warped, it spans a good part of the range.
        var standardized = OutputWarping.Standardize(perf);
        double Spread(double[] v) => order.Skip(20).Max(i => v[i]) - order.Skip(20).Min(i => v[i]);
        Assert.True(Spread(warped) > 5 * Spread(standardized), $"warped {Spread(warped)}, standardised {Spread(standardized)}");
    }

    [Fact]
    public void ConstantValuesBecomeZerosWhateverTheirMagnitude()
    {
        Assert.Equal(new double[3], OutputWarping.Warp([1e300, 1e300, 1e300]));
        Assert.Equal(new double[2], OutputWarping.Warp([-4.5, -4.5]));
        Assert.Equal(new double[1], OutputWarping.Warp([7]));
        var tiny = OutputWarping.Standardize([1e-300, 3e-300]);
        Assert.Equal(-1, tiny[0], 14);
        Assert.Equal(1, tiny[1], 14);
    }
}
