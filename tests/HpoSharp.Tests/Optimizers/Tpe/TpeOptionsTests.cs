using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.Tpe;

public sealed class TpeOptionsTests
{
    [Theory]
    [InlineData(5, false, 1)]
    [InlineData(100, false, 10)]
    [InlineData(101, false, 11)]
    [InlineData(1000, false, 25)]
    [InlineData(1000, true, 100)]
    public void TheLinearRuleTakesATenthOfTheTrialsRoundedUpAndCappedAt25(int count, bool multiObjective, int expected) =>
        Assert.Equal(expected, new TpeOptions().GoodCount(count, multiObjective));

    [Theory]
    [InlineData(100, 3)]
    [InlineData(4900, 18)]
    [InlineData(100_000, 25)]
    public void TheSquareRootRuleTakesAQuarterOfTheRootRoundedUpAndCapped(int count, int expected) =>
        Assert.Equal(expected, new TpeOptions { GammaRule = TpeGammaRule.SquareRoot, GammaFactor = 0.25 }.GoodCount(count));

    [Fact]
    public void TheGoodCountNeverExceedsTheTrialsNorItsCaps()
    {
        Assert.Equal(3, new TpeOptions { GammaFactor = 2 }.GoodCount(3));
        Assert.Equal(7, new TpeOptions { GammaCap = 7 }.GoodCount(1000));
        Assert.Equal(40, new TpeOptions { MultiObjectiveGammaCap = 40 }.GoodCount(1000, multiObjective: true));
    }

    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(5, 2.0)]
    [InlineData(7, 1.6)]
    [InlineData(10, 1.0)]
    [InlineData(30, 1.0)]
    public void TheClipExponentFallsLinearlyToOneBetweenFiveAndTenDimensions(int dimensions, double expected) =>
        Assert.Equal(expected, new TpeOptions().ClipExponent(dimensions), 12);

    [Fact]
    public void AClipExponentOfAtMostOneIsKeptInAnyNumberOfDimensions() =>
        Assert.Equal(0.5, new TpeOptions { MagicClipExponent = 0.5 }.ClipExponent(10));

    [Theory]
    [InlineData(0, 30, 1.0 / 30)]
    [InlineData(2, 30, 31.0 / 60)]
    [InlineData(4, 30, 1.0)]
    [InlineData(5, 30, 1.0)]
    [InlineData(29, 30, 1.0)]
    [InlineData(0, 25, 1.0)]
    [InlineData(0, 26, 1.0 / 26)]
    public void AllButTheNewest25TrialsRampUpLinearlyFromOneOverTheCount(int position, int count, double expected) =>
        Assert.Equal(expected, new TpeOptions().ForgettingWeight(position, count), 12);

    [Fact]
    public void AnUndefinedRuleIsRefusedNamingTheRulesThatExist()
    {
        var gamma = Assert.Throws<ArgumentOutOfRangeException>(() => new TpeOptions { GammaRule = (TpeGammaRule)7 }.Validate());
        var bandwidth = Assert.Throws<ArgumentOutOfRangeException>(() => new TpeOptions { Bandwidth = (TpeBandwidth)9 }.Validate());

        Assert.Contains("TpeOptions.GammaRule is 7; expected Linear or SquareRoot", gamma.Message);
        Assert.Contains("TpeOptions.Bandwidth is 9; expected Neighbours, Scott or RangeScaled", bandwidth.Message);
    }

    [Fact]
    public void WithoutAForgettingWindowEveryTrialWeighsOne() =>
        Assert.Equal(1.0, new TpeOptions { ForgettingWindow = null }.ForgettingWeight(0, 100));
}
