using HpoSharp.Space;

namespace HpoSharp.Tests.Space;

public sealed class DimensionTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.37)]
    [InlineData(0.999999)]
    [InlineData(1.0)]
    public void AContinuousRealMapsTheUnitIntervalLinearlyAndBack(double u)
    {
        var d = Dimension.Real("x", -2, 6);
        Assert.Equal(-2 + (8 * u), d.FromUnit(u), 12);
        Assert.Equal(u, d.ToUnit(d.FromUnit(u)), 12);
    }

    [Fact]
    public void ALogRealMapsTheUnitIntervalGeometrically()
    {
        var d = Dimension.Real("lr", 1e-4, 1e-1, log: true);
        Assert.Equal(1e-4, d.FromUnit(0), 15);
        Assert.Equal(1e-1, d.FromUnit(1), 15);
        Assert.Equal(Math.Sqrt(1e-4 * 1e-1), d.FromUnit(0.5), 12);
        Assert.Equal(Math.Log(1e-4), d.WarpedLow, 12);
    }

    [Fact]
    public void DiscreteDimensionsGiveEveryValueAnEqualShareOfTheUnitInterval()
    {
        var ints = Dimension.Integer("n", 1, 4);
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4], new[] { 0.0, 0.24, 0.25, 0.49, 0.5, 0.74, 0.75, 1.0 }.Select(ints.FromUnit));
        var stepped = Dimension.Real("dropout", 0, 0.5, step: 0.1);
        Assert.Equal(6, stepped.Cardinality);
        Assert.Equal(0.5, stepped.FromUnit(0.99), 12);
        var choice = Dimension.Categorical("c", 3);
        Assert.Equal([0, 1, 2], new[] { 0.1, 0.5, 0.9 }.Select(choice.FromUnit));
        Assert.Equal(0.5, choice.ToUnit(1), 12);
    }

    [Fact]
    public void ALogIntegerIsLogUniformOverItsCells()
    {
        var d = Dimension.Integer("batch", 1, 1000, log: true);
        Assert.Equal(1, d.FromUnit(0));
        Assert.Equal(1000, d.FromUnit(1));
        Assert.Equal(Math.Round(Math.Sqrt(0.5 * 1000.5)), d.FromUnit(0.5));
    }

    [Fact]
    public void SnapAndIsValidRespectBoundsIntegersAndSteps()
    {
        var stepped = Dimension.Integer("epochs", 10, 50, step: 10);
        Assert.Equal(30, stepped.Snap(33));
        Assert.Equal(50, stepped.Snap(1e9));
        Assert.True(stepped.IsValid(40));
        Assert.False(stepped.IsValid(45));
        Assert.False(stepped.IsValid(double.NaN));
        var real = Dimension.Real("dropout", 0, 0.5, step: 0.1);
        Assert.True(real.IsValid(0.3));
        Assert.False(real.IsValid(0.35));
        Assert.False(Dimension.Real("x", 0, 1).IsValid(1.0000001));
    }

    [Fact]
    public void SteppedRealValuesAreTheDecimalsAUserTypes()
    {
        var dropout = Dimension.Real("dropout", 0, 0.7, step: 0.1);
        double[] typed = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
        Assert.Equal(typed, Enumerable.Range(0, 8).Select(i => dropout.FromUnit((i + 0.5) / 8)));
        Assert.Equal(typed, typed.Select(v => dropout.Snap(v + 1e-12)));
        Assert.Equal(0.3, dropout.Snap(0.1 + 0.2));
        Assert.Equal(0.7, dropout.LevelValue(7));
        Assert.Equal(7, dropout.LevelIndex(0.7));
        Assert.Equal(3, dropout.LevelIndex(0.1 + 0.2));
        var shifted = Dimension.Real("shift", 0.1 + 0.2, 0.9, step: 0.2);
        Assert.Equal(0.1 + 0.2, shifted.LevelValue(0));
        Assert.Equal(0.5, shifted.LevelValue(1));
        Assert.Equal(10_000_000_000_000_002, Dimension.Integer("big", 10_000_000_000_000_000, 10_000_000_000_000_004, step: 2).LevelValue(1));
    }

    [Fact]
    public void SteppedRealLevelsThatNeedSixteenDigitsStayDistinct()
    {
        var wide = Dimension.Real("offset", 1e15, 1e15 + 100, step: 1);
        double[] levels = [.. Enumerable.Range(0, 101).Select(i => 1e15 + i)];
        Assert.Equal(levels, Enumerable.Range(0, 101).Select(i => wide.LevelValue(i)));
        Assert.Equal(Enumerable.Range(0, 101), levels.Select(v => (int)wide.LevelIndex(wide.Snap(v))));
        Assert.All(levels, v => Assert.True(wide.IsValid(v)));
    }

    [Theory]
    [InlineData(1.0, 1.0, "must be less than the upper bound")]
    [InlineData(2.0, 1.0, "must be less than the upper bound")]
    [InlineData(double.NaN, 1.0, "lower bound must be finite")]
    [InlineData(0.0, double.PositiveInfinity, "upper bound must be finite")]
    public void InvalidBoundsAreRefusedWithTheParameterName(double low, double high, string fault)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Dimension.Real("alpha", low, high));
        Assert.Contains("'alpha'", error.Message);
        Assert.Contains(fault, error.Message);
    }

    [Fact]
    public void LogBoundsMustBePositiveAndStepsMustFit()
    {
        Assert.Contains("lower bound > 0", Assert.ThrowsAny<ArgumentException>(() => Dimension.Real("lr", 0, 1, log: true)).Message);
        Assert.Contains("lower bound > 0", Assert.ThrowsAny<ArgumentException>(() => Dimension.Integer("n", -1, 10, log: true)).Message);
        Assert.Contains("does not fit", Assert.ThrowsAny<ArgumentException>(() => Dimension.Real("d", 0, 1, step: 0.3)).Message);
        Assert.Contains("does not fit", Assert.ThrowsAny<ArgumentException>(() => Dimension.Integer("e", 0, 10, step: 3)).Message);
        Assert.Contains("does not fit", Assert.ThrowsAny<ArgumentException>(() => Dimension.Integer("e", 0, 10, step: 20)).Message);
        Assert.Contains("cannot have a step", Assert.ThrowsAny<ArgumentException>(() => Dimension.Real("lr", 1, 10, log: true, step: 1)).Message);
        Assert.Contains("at least 1", Assert.ThrowsAny<ArgumentException>(() => Dimension.Integer("e", 0, 10, step: 0)).Message);
    }
}
