using HpoSharp.Space;

namespace HpoSharp.Tests.Space;

public sealed class DimensionFromUnitTests
{
    [Theory]
    [InlineData(0.0, 0.6, 0.05)]
    [InlineData(0.0, 0.7, 0.1)]
    [InlineData(-0.3, 0.9, 0.3)]
    public void TheTopCellOfASteppedRangeGivesAnAllowedValueAtTheUpperBound(double low, double high, double step)
    {
        var dimension = Dimension.Real("x", low, high, step: step);

        var top = dimension.FromUnit(0.999999);

        Assert.InRange(top, high - 1e-12, high);
        Assert.True(dimension.IsValid(top), $"{top:R} is not an allowed value of {dimension}");
    }
}
