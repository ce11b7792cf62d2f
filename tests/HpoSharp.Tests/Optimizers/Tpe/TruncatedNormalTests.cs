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

    /// <summary>
    /// Quantiles of the truncated standard normal on [a, b] at u = 1e-9, 0.1, 0.5, 0.9006172506869736 and 0.999,
    /// computed by bisection on (Φ(z) − Φ(a)) / (Φ(b) − Φ(a)) with mpmath 1.2 at 60 digits. scipy 1.10.1's
    /// <c>truncnorm.ppf(u, a, b)</c> agrees with every one to 1e-14 relative, except on [−1e-9, 1e-9] (7 digits). The
    /// intervals reach ±45 standard deviations, several lie wholly in one tail beyond the point where Φ underflows.
    /// </summary>
    public static TheoryData<double, double, double[]> Quantiles => new()
    {
        { -2.0, 3.0, [-1.999999981924755, -1.1732881868693392, 0.026824432283078563, 1.2910825905481371, 2.8302203200218496] },
        { -0.2, 0.1, [-0.19999999969546153, -0.16963386198366698, -0.04944065740603958, 0.0702246925203873, 0.09970000000515153] },
        { 0.5, 6.0, [0.5000000008763644, 0.5897361281894999, 1.0182955138836394, 1.8711332097000895, 3.423995226498944] },
        { -9.0, -7.5, [-8.99996896395878, -7.796159197039074, -7.590330601603967, -7.513708551297747, -7.500131143366109] },
        { -40.0, 40.0, [-5.9978070150076865, -1.2815515655446004, -4.978412222288913e-59, 1.285076654646412, 3.090232306167813] },
        { -40.0, -39.0, [-39.5274549991661, -39.05895739732947, -39.01775730523235, -39.002682118973475, -39.00002563701301] },
        { -39.09133498205194, -39.02970847755685, [-39.09133498179323, -39.07345816121301, -39.04524834964221, -39.03213573609478, -39.02973179028422] },
        { 38.46208828385528, 38.462977525183476, [38.462088283856154, 38.46217585177237, 38.4625291029232, 38.462887776310026, 38.46297662057583] },
        { 37.98122053951783, 42.54120760415432, [37.98122053954414, 37.98399253558158, 37.999453278911595, 38.04191737984545, 38.16253545606317] },
        { -45.0, -40.0, [-40.51445426532397, -40.05748745803602, -40.01731412676465, -40.00261515504606, -40.00002499689694] },
        { 30.0, 40.0, [30.000000000033296, 30.00350792324418, 30.02307046782731, 30.07677597193094, 30.229130430951397] },
        { -40.0, -30.0, [-30.68226937101124, -30.076570337034944, -30.02307046782731, -30.003485097906317, -30.000033313059934] },
        { -1e-09, 1e-09, [-9.99999998e-10, -8e-10, -4.879381024061615e-62, 8.012345013739473e-10, 9.98e-10] },
    };

    [Theory]
    [MemberData(nameof(Quantiles))]
    public void TruncatedSamplingMatchesTheQuantilesOfScipyAndMpmath(double a, double b, double[] quantiles)
    {
        var us = new[] { 1e-9, 0.1, 0.5, 0.9006172506869736, 0.999 };
        for (var i = 0; i < us.Length; i++)
        {
            var z = TruncatedNormal.Sample(a, b, us[i]);
            Assert.True(Math.Abs(z - quantiles[i]) <= 1e-13 * Math.Max(1, Math.Abs(quantiles[i])), $"u = {us[i]}: {z:R}, expected {quantiles[i]:R}");
        }
    }

    /// <summary>
    /// 10,000 draws from <c>RandomStream(42)</c>: scipy 1.10.1's <c>kstest(draws, truncnorm(a, b).cdf)</c> gives
    /// D = 0.0076367390925 (p = 0.60) on each of these intervals, the statistic of the uniform numbers themselves.
    /// </summary>
    [Theory]
    [InlineData(-2.0, 3.0)]
    [InlineData(0.5, 6.0)]
    [InlineData(-40.0, -39.0)]
    [InlineData(30.0, 40.0)]
    [InlineData(-45.0, -40.0)]
    public void TruncatedDrawsPassScipysKolmogorovSmirnovTest(double a, double b)
    {
        const int n = 10_000;
        var random = new RandomStream(42);
        var draws = Enumerable.Range(0, n).Select(_ => TruncatedNormal.Sample(a, b, random.NextDouble())).Order().ToArray();
        var logMass = StandardNormal.LogMass(a, b);

        var d = 0.0;
        for (var i = 0; i < n; i++)
        {
            var cdf = draws[i] <= a ? 0 : Math.Exp(StandardNormal.LogMass(a, draws[i]) - logMass);
            d = Math.Max(d, Math.Max(cdf - ((double)i / n), ((i + 1.0) / n) - cdf));
        }

        Assert.Equal(0.0076367390925, d, 1e-9);
    }
}
