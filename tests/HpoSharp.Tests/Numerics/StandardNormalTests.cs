using HpoSharp.Numerics;

namespace HpoSharp.Tests.Numerics;

/// <summary>Reference values from SciPy 1.10 (erfc, erfcx, ndtr, log_ndtr, ndtri) and mpmath at 50 digits (log masses).</summary>
public sealed class StandardNormalTests
{
    [Theory]
    [InlineData(-3.0, 1.9999779095030015)]
    [InlineData(-0.5, 1.5204998778130465)]
    [InlineData(0.0, 1.0)]
    [InlineData(0.3, 0.6713732405408726)]
    [InlineData(1.0, 0.15729920705028516)]
    [InlineData(2.5, 0.00040695201744495886)]
    [InlineData(6.0, 2.1519736712498913e-17)]
    [InlineData(12.0, 1.3562611692059047e-64)]
    [InlineData(26.0, 5.663192408856145e-296)]
    public void ErfcHasFullRelativePrecision(double x, double expected) =>
        Assert.Equal(1.0, StandardNormal.Erfc(x) / expected, 1e-13);

    [Theory]
    [InlineData(-40.0, -804.6084420137539)]
    [InlineData(-12.0, -75.41067300156881)]
    [InlineData(-3.0, -6.60772622151035)]
    [InlineData(0.0, -0.6931471805599453)]
    [InlineData(2.0, -0.023012909328963486)]
    [InlineData(9.0, -1.1285884059538324e-19)]
    public void LogCdfIsAccurateInBothTails(double x, double expected) =>
        Assert.Equal(1.0, StandardNormal.LogCdf(x) / expected, 1e-13);

    [Theory]
    [InlineData(1e-300, -37.0470962993612)]
    [InlineData(1e-12, -7.034483825301131)]
    [InlineData(0.025, -1.9599639845400545)]
    [InlineData(0.9, 1.2815515655446004)]
    [InlineData(0.999999, 4.753424308817087)]
    public void QuantileInvertsTheCdf(double p, double expected) =>
        Assert.Equal(expected, StandardNormal.Quantile(p), Math.Abs(expected) * 1e-12);

    [Theory]
    [InlineData(-1.0, 2.0, -0.2001662943244626)]
    [InlineData(-30.0, -29.0, -424.7874199097303)]
    [InlineData(3.0, 3.5, -6.796868006683432)]
    [InlineData(8.0, 9.0, -35.01361859343715)]
    [InlineData(-0.001, 0.001, -7.13354679829352)]
    public void LogMassOfAnIntervalIsAccurateAnywhere(double a, double b, double expected) =>
        Assert.Equal(1.0, StandardNormal.LogMass(a, b) / expected, 1e-12);

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(-1, 0.15865525393145707)]
    [InlineData(-5, 2.866515718791939e-07)]
    [InlineData(-8.5, 9.47953482220332e-18)]
    [InlineData(3, 0.9986501019683699)]
    public void CdfMatchesReferenceValues(double x, double p) =>
        Assert.Equal(p, StandardNormal.Cdf(x), p * 1e-12);

    [Fact]
    public void ErfcxAvoidsUnderflowFarInTheTail()
    {
        Assert.Equal(0.05614099274382259, StandardNormal.Erfcx(10), 15);
        Assert.Equal(1, StandardNormal.Erfcx(1e10) * Math.Sqrt(Math.PI) * 1e10, 14);
        Assert.Equal(1, StandardNormal.Erfcx(0), 14);
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-310)]
    [InlineData(1e-320)]
    [InlineData(double.Epsilon)]
    public void QuantileOfASubnormalProbabilityIsFiniteAndInvertsTheCdf(double p)
    {
        // Below about 1e-309 the density at the quantile overflows when inverted.
        var x = StandardNormal.Quantile(p);

        Assert.True(double.IsFinite(x), $"Quantile({p}) is {x}");
        Assert.Equal(1.0, StandardNormal.LogCdf(x) / Math.Log(p), 1e-12);
    }

    [Fact]
    public void QuantileOfTheEndpointsIsInfiniteAndOutsideThemIsRefused()
    {
        Assert.Equal(double.NegativeInfinity, StandardNormal.Quantile(0));
        Assert.Equal(double.PositiveInfinity, StandardNormal.Quantile(1));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.Quantile(1.5));
        Assert.Equal("p", error.ParamName);
    }
}
