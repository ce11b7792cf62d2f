using HpoSharp.Numerics;
using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.Tpe;

public sealed class TruncatedNormalTests
{
    [Theory]
    [InlineData(-2.0, 3.0)]
    [InlineData(-0.2, 0.1)]
    [InlineData(0.5, 6.0)]
    [InlineData(-9.0, -7.5)]
    public void TruncatedSamplingInvertsTheTruncatedDistribution(double a, double b)
    {
        Assert.Equal(a, TruncatedNormal.Sample(a, b, 0), 1e-9);
        foreach (var u in new[] { 1e-9, 0.1, 0.5, 0.77, 0.999 })
        {
            var z = TruncatedNormal.Sample(a, b, u);
            Assert.InRange(z, a, b);
            Assert.Equal(u, Math.Exp(StandardNormal.LogMass(a, z) - StandardNormal.LogMass(a, b)), 1e-9);
        }
    }
}
