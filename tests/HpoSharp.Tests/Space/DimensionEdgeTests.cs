using HpoSharp.Space;

namespace HpoSharp.Tests.Space;

public sealed class DimensionEdgeTests
{
    [Fact]
    public void ALogIntegerGivesEachValueTheShareOfItsLogCell()
    {
        // Cells [0.5, 1.5], [1.5, 2.5], [2.5, 3.5] on a log scale: shares ln 3 / ln 7, ln(5/3) / ln 7, ln(7/5) / ln 7.
        var d = Dimension.Integer("n", 1, 3, log: true);
        Assert.Equal([1, 1, 2, 2, 3, 3], new[] { 0.0, 0.56, 0.57, 0.82, 0.83, 1.0 }.Select(d.FromUnit));
        Assert.Equal(Math.Log(4) / Math.Log(7), d.ToUnit(2), 12);
    }

    [Fact]
    public void ToUnitThenFromUnitGivesEveryValueOfALogIntegerBack()
    {
        var d = Dimension.Integer("batch", 1, 40, log: true);
        for (var v = 1; v <= 40; v++)
        {
            Assert.Equal(v, d.FromUnit(d.ToUnit(v)));
        }
    }

    [Fact]
    public void ToUnitOfALogRealIsItsPositionOnTheLogScale()
    {
        var d = Dimension.Real("lr", 1e-4, 1e-1, log: true);
        Assert.Equal(0.5, d.ToUnit(Math.Sqrt(1e-5)), 12);
        Assert.Equal(1.0 / 3, d.ToUnit(1e-3), 12);
    }

    [Fact]
    public void SnapOfNaNGivesTheLowerBound()
    {
        Assert.Equal(-2, Dimension.Real("x", -2, 6).Snap(double.NaN));
        Assert.Equal(10, Dimension.Integer("epochs", 10, 50, step: 10).Snap(double.NaN));
    }

    [Fact]
    public void AContinuousRangeRefusesNaNAndInfinities()
    {
        var d = Dimension.Real("x", 0, 1);
        Assert.False(d.IsValid(double.NaN));
        Assert.False(d.IsValid(double.PositiveInfinity));
        Assert.True(d.IsValid(0));
        Assert.True(d.IsValid(1));
    }

    [Fact]
    public void ASteppedValueWithRoundingErrorIsAllowed()
    {
        var dropout = Dimension.Real("dropout", 0, 0.5, step: 0.1);
        Assert.True(dropout.IsValid(0.1 + 0.2));
        Assert.False(dropout.IsValid(0.3 + 1e-6));
    }

    [Fact]
    public void AStepEqualToTheRangeGivesItsTwoBounds()
    {
        var real = Dimension.Real("x", 0, 1, step: 1);
        Assert.Equal(2, real.Cardinality);
        Assert.Equal([0.0, 1.0], new[] { 0.25, 0.75 }.Select(real.FromUnit));
        Assert.Equal(2, Dimension.Integer("n", 0, 10, step: 10).Cardinality);
    }

    [Fact]
    public void AStepOffByAThousandthOfARangeIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Dimension.Real("x", 0, 1.0001, step: 0.1));
        Assert.Equal("Parameter 'x': step 0.1 does not fit the range [0, 1.0001]: (high - low) must be a whole multiple of the step. (Parameter 'step')", error.Message);
    }

    [Fact]
    public void ALogIntegerRangeRefusesAStepOtherThanOne()
    {
        var error = Assert.Throws<ArgumentException>(() => Dimension.Integer("n", 1, 9, log: true, step: 2));
        Assert.StartsWith("Parameter 'n': a log-scaled integer range cannot have a step other than 1 (step 2).", error.Message);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void ANonFiniteStepIsRefused(double step, string written)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Dimension.Real("x", 0, 1, step: step));
        Assert.StartsWith($"Parameter 'x': step must be a finite number >= 0 (0 means continuous); got {written}.", error.Message);
    }

    [Fact]
    public void AnInfiniteLowerBoundIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Dimension.Real("x", double.NegativeInfinity, 0));
        Assert.StartsWith("Parameter 'x': the lower bound must be finite; got -Infinity.", error.Message);
    }

    [Fact]
    public void ACategoricalDimensionIndexesItsChoicesFromZero()
    {
        var d = Dimension.Categorical("c", 3);
        Assert.Equal((0.0, 2.0, 3.0), (d.Low, d.High, d.Cardinality));
        Assert.True(d.IsValid(2));
        Assert.False(d.IsValid(3));
        Assert.False(d.IsValid(0.5));
        Assert.Equal(2, d.Snap(7));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Dimension.Categorical("c", 0));
        Assert.StartsWith("Parameter 'c': a categorical dimension needs at least one choice.", error.Message);
    }

    [Fact]
    public void ToStringShowsKindBoundsScaleAndStep()
    {
        Assert.Equal("x: real [-2, 6]", Dimension.Real("x", -2, 6).ToString());
        Assert.Equal("lr: real [0.001, 1] log", Dimension.Real("lr", 1e-3, 1, log: true).ToString());
        Assert.Equal("dropout: real [0, 0.5] step 0.1", Dimension.Real("dropout", 0, 0.5, step: 0.1).ToString());
        Assert.Equal("units: integer [1, 9]", Dimension.Integer("units", 1, 9).ToString());
        Assert.Equal("epochs: integer [10, 50] step 10", Dimension.Integer("epochs", 10, 50, step: 10).ToString());
        Assert.Equal("batch: integer [16, 512] log", Dimension.Integer("batch", 16, 512, log: true).ToString());
        Assert.Equal("c: categorical(3)", Dimension.Categorical("c", 3).ToString());
    }

    [Fact]
    public void ARangeWhoseWidthOverflowsADoubleIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Dimension.Real("x", -1e308, 1e308));
        Assert.StartsWith("Parameter 'x': the range [-1E+308, 1E+308] is wider than a double can hold", error.Message);
        Assert.Equal(0, Dimension.Real("y", -1e307, 1e307).FromUnit(0.5));
    }

    [Fact]
    public void AStepThatLeavesTheUpperBoundOffTheGridIsRefusedOnLargeRangesToo()
    {
        var integer = Assert.Throws<ArgumentException>(() => Dimension.Integer("n", 0, int.MaxValue, step: 2));
        Assert.StartsWith("Parameter 'n': step 2 does not fit the range [0, 2147483647]", integer.Message);
        Assert.Throws<ArgumentException>(() => Dimension.Real("x", 0, 1000.0000005, step: 1e-6));
        Assert.Equal(1000, Dimension.Real("x", 0, 1000, step: 1e-6).High);
        Assert.Equal(2_000_000_000, Dimension.Integer("n", 0, 2_000_000_000, step: 2).High);
    }

    [Fact]
    public void IntegerBoundsMustBeExactDoubles()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Dimension.Integer("n", 0, (1L << 53) + 1));
        Assert.StartsWith("Parameter 'n': integer bounds must be exact doubles, as every integer within ±2^53 is; got [0, 9007199254740993].", error.Message);
        Assert.Equal("high", error.ParamName);
        Assert.Equal("low", Assert.Throws<ArgumentOutOfRangeException>(() => Dimension.Integer("n", long.MinValue, 0)).ParamName);
        Assert.Equal(1L << 53, Dimension.Integer("n", 0, 1L << 53).High);
    }

    [Fact]
    public void FromUnitOfNaNGivesTheLowestValueOfEveryKind()
    {
        Assert.Equal(1, Dimension.Integer("n", 1, 9).FromUnit(double.NaN));
        Assert.Equal(2, Dimension.Integer("m", 2, 64, log: true).FromUnit(double.NaN));
        Assert.Equal(0.5, Dimension.Real("x", 0.5, 1, step: 0.25).FromUnit(double.NaN));
        Assert.Equal(0, Dimension.Categorical("c", 3).FromUnit(double.NaN));
    }

    [Fact]
    public void DescriptionsAndMessagesWriteNumbersTheSameInEveryCulture() => CommaCulture.Run(() =>
    {
        Assert.Equal("x: real [0, 0.5] step 0.1", Dimension.Real("x", 0, 0.5, step: 0.1).ToString());
        var error = Assert.Throws<ArgumentException>(() => new RangeHP("x", 0, 0.5, step: 0.1).Encode(0.7, new double[1]));
        Assert.Contains("expected a number in [0, 0.5] on the step 0.1 from 0", error.Message);
        Assert.Contains("value '0.7'", error.Message);
        Assert.Contains("one of {0.5, 1.5}", Assert.Throws<ArgumentException>(() => new ChoiceHP("c", 0.5, 1.5).Encode(2.5, new double[1])).Message);
        Assert.Contains("step 0.3 does not fit the range [0, 0.5]", Assert.Throws<ArgumentException>(() => Dimension.Real("x", 0, 0.5, step: 0.3)).Message);
        Assert.StartsWith("Parameter 'x': step must be a finite number >= 0 (0 means continuous); got -0.5.", Assert.Throws<ArgumentOutOfRangeException>(() => Dimension.Real("x", 0, 1, step: -0.5)).Message);
        Assert.Equal("dropout (when scale in {0.5, 1.5})", new RangeHP("dropout", 0, 1) { ActiveWhen = new HPCondition("scale", 0.5, 1.5) }.ToString());
        Assert.Equal("Parameter 'lr': a log-scaled range needs a lower bound > 0; got -0.5. (Parameter 'low')", Assert.Throws<ArgumentOutOfRangeException>(() => new LogRangeHP("lr", -0.5, 1)).Message);
        Assert.Equal("Parameter 'x': the upper bound must be finite; got Infinity. (Parameter 'high')", Assert.Throws<ArgumentOutOfRangeException>(() => new RangeHP("x", 0, double.PositiveInfinity)).Message);
        Assert.Equal("Parameter 'x': the lower bound must be finite; got -Infinity. (Parameter 'low')", Assert.Throws<ArgumentOutOfRangeException>(() => new RangeHP("x", double.NegativeInfinity, 0)).Message);
        var condition = Assert.Throws<ArgumentException>(() => new SearchSpace([new ChoiceHP("scale", 0.5, 1.5), new RangeHP("dropout", 0, 1) { ActiveWhen = new HPCondition("scale", 2.5) }]));
        Assert.StartsWith("Parameter 'dropout' has a condition on 'scale' = '2.5', which is not one of its choices {0.5, 1.5}.", condition.Message);
        Assert.StartsWith("Parameter 'scale': choice '0.5' is given twice (positions 0 and 1).", Assert.Throws<ArgumentException>(() => new ChoiceHP("scale", 0.5, 0.5)).Message);
    });

    [Fact]
    public void ALevelThatNeedsMoreThanFifteenDigitsKeepsThemRatherThanMoveOffItsLevel()
    {
        // 1 + 1e-7 / 3 written with 15 digits, 1.00000003333333, lies a ten-millionth of a step below its level.
        var step = 1e-7 / 3;
        var d = Dimension.Real("x", 1, 1 + (3 * step), step: step);

        foreach (var level in new[] { 1.0, 2.0 })
        {
            Assert.Equal(1 + (level * step), d.LevelValue(level), 1e-9 * step);
        }
    }
}
