using HpoSharp.Numerics;
using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.Bayes;

public sealed class LogExpectedImprovementTests
{
    public static TheoryData<double> ModerateZ() => [-5, -3, -1.5, -1, -0.999, -0.5, 0, 0.7, 2, 6];

    [Theory]
    [MemberData(nameof(ModerateZ))]
    public void LogHAgreesWithTheDirectFormulaWhereThatIsAccurate(double z)
    {
        var cdf = 0.5 * ErfcReference(-z / Math.Sqrt(2));
        var direct = Math.Log((Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI)) + (z * cdf));

        var value = LogExpectedImprovement.LogH(z, out var slope);

        Assert.Equal(direct, value, 10);
        Assert.Equal(cdf / Math.Exp(direct), slope, 8);
    }

    [Theory]
    [InlineData(-20)]
    [InlineData(-99.9)]
    [InlineData(-100.1)]
    [InlineData(-1e4)]
    public void TheSlopeAgreesWithFiniteDifferencesInTheTail(double z)
    {
        var h = 1e-6 * Math.Abs(z);
        var numeric = (LogExpectedImprovement.LogH(z + h, out _) - LogExpectedImprovement.LogH(z - h, out _)) / (2 * h);

        LogExpectedImprovement.LogH(z, out var slope);

        Assert.Equal(1, slope / numeric, 5);
    }

    /// <summary>
    /// log h and its slope Φ(z) / h(z) in every branch and on both sides of each switch (z = -1, z = -100): expected values
    /// from mpmath 1.2.1 at 60 digits, <c>log(npdf(z) + z·ncdf(z))</c> and <c>ncdf(z) / (npdf(z) + z·ncdf(z))</c>, at the
    /// double nearest each z. Over a dense grid from -1000 to 40 the worst relative errors were 4e-16 (z ≤ -100),
    /// 3e-15 (-100 to -25), 4e-15 (-25 to -1) and 5e-16 in absolute terms above -1; the slope's, 7e-12 (from the
    /// cancellation in 1 + z r just above -100).
    /// </summary>
    [Theory]
    [InlineData(-1000, -500014.73445209116, 1000.001999994)]
    [InlineData(-500, -125013.34816672988, 500.00399995200134)]
    [InlineData(-100.000001, -5010.129678820244, 100.01999500399604)]
    [InlineData(-100, -5010.1295788002498, 100.01999400419587)]
    [InlineData(-99.999999, -5010.1294787802565, 100.01999300439569)]
    [InlineData(-87.1, -3803.0584475625987, 87.122953040653163)]
    [InlineData(-50, -1258.7441828684609, 50.039952133872655)]
    [InlineData(-25, -319.86146358149595, 25.079620234266533)]
    [InlineData(-10, -55.553122036122356, 10.194383033412553)]
    [InlineData(-2.3, -5.6098592493887643, 2.9288165984110258)]
    [InlineData(-1.0000001, -2.4851212161397684, 1.9042713055274622)]
    [InlineData(-1, -2.4851210257126413, 1.9042712333296918)]
    [InlineData(-0.9999999, -2.4851208352855217, 1.9042711611319228)]
    [InlineData(-0.5, -1.6205162643873199, 1.5598731483480797)]
    [InlineData(0, -0.91893853320467274, 1.2533141373155003)]
    [InlineData(0.9, 0.00043104417378205087, 0.81558824431366376)]
    [InlineData(2, 0.69738354578822831, 0.48655931878528387)]
    [InlineData(8, 2.0794415416798359, 0.12499999999999992)]
    [InlineData(40, 3.6888794541139363, 0.025)]
    public void LogHAndItsSlopeMatchHighPrecisionValuesInEveryBranch(double z, double expected, double expectedSlope)
    {
        var value = LogExpectedImprovement.LogH(z, out var slope);

        Assert.True(Math.Abs(value - expected) <= 1e-14 * Math.Max(1, Math.Abs(expected)), $"log h({z:R}) = {value:R}, expected {expected:R}");
        Assert.True(Math.Abs(slope - expectedSlope) <= 1e-10 * expectedSlope, $"slope at {z:R} = {slope:R}, expected {expectedSlope:R}");
    }

    /// <summary>
    /// Between -100 and -1, log h and its slope keep full precision: the expected values are the asymptotic series
    /// 1 + z r = z⁻² Σ (-1)^k (2k + 1)!! z⁻²ᵏ summed to its smallest term (below 1e-28) in 60-digit arithmetic.
    /// </summary>
    [Theory]
    [InlineData(-12, -77.909100545007348, 12.16335257158574)]
    [InlineData(-20, -206.91783850942511, 20.099262811101283)]
    [InlineData(-30, -457.72465376059802, 30.066446154162421)]
    public void LogHMatchesTheFullAsymptoticSeriesAboveTheTail(double z, double expected, double expectedSlope)
    {
        var value = LogExpectedImprovement.LogH(z, out var slope);

        Assert.True(Math.Abs(value - expected) < 1e-10, $"log h({z}) = {value:R}, expected {expected:R}");
        Assert.Equal(1, slope / expectedSlope, 10);
    }

    [Fact]
    public void LogHIsContinuousWhereItsFormulaChanges()
    {
        foreach (var edge in new[] { -1.0, -100.0 })
        {
            var below = LogExpectedImprovement.LogH(edge - 1e-9, out var slopeBelow);
            var above = LogExpectedImprovement.LogH(edge + 1e-9, out var slopeAbove);
            Assert.Equal(below, above, 6);
            Assert.Equal(slopeBelow, slopeAbove, 4);
        }
    }

    [Fact]
    public void LogHStaysFiniteAndIncreasingFarBelowWhereEIUnderflows()
    {
        var previous = double.NegativeInfinity;
        foreach (var z in new[] { -1e300, -1e120, -1e20, -1e9, -1e6, -1e3, -40, -38.5, -30 })
        {
            var value = LogExpectedImprovement.LogH(z, out var slope);
            Assert.True(double.IsFinite(value) || z < -1e100, $"log h({z}) = {value}");
            Assert.False(double.IsNaN(slope), $"slope at {z} is NaN");
            Assert.True(value >= previous, $"log h({z}) = {value} < {previous}");
            previous = value;
        }

        // Asymptotically log h(z) ≈ -z²/2 - log √(2π) - 2 log|z|.
        Assert.Equal((-0.5 * 1e6) - (0.5 * Math.Log(2 * Math.PI)) - (2 * Math.Log(1e3)), LogExpectedImprovement.LogH(-1e3, out _), 5);
    }

    [Fact]
    public void TheAcquisitionGradientAgreesWithFiniteDifferences()
    {
        var kernel = new MaternKernel([false, false], new KernelParameters([3, 8], 1, 1e-6));
        var process = new GaussianProcess(kernel, [0.1, 0.2, 0.8, 0.3, 0.5, 0.9, 0.4, 0.4], [0.2, -1, 1.1, 0.9]);
        foreach (var threshold in new[] { 1.1, 5.0, 40.0 })
        {
            var acquisition = new LogExpectedImprovement(process, threshold);
            double[] x = [0.45, 0.62];
            var gradient = new double[2];
            acquisition.ValueWithGradient(x, [0, 1], gradient);
            for (var d = 0; d < 2; d++)
            {
                var (up, down) = ((double[])x.Clone(), (double[])x.Clone());
                up[d] += 1e-6;
                down[d] -= 1e-6;
                Assert.Equal(1, (acquisition.Value(up) - acquisition.Value(down)) / 2e-6 / gradient[d], 4);
            }
        }
    }

    [Fact]
    public void TheFeasibilityTermAddsTheLogProbabilityOfAValueAndItsGradient()
    {
        var kernel = new MaternKernel([false, false], new KernelParameters([3, 8], 1, 1e-6));
        var process = new GaussianProcess(kernel, [0.1, 0.2, 0.8, 0.3, 0.5, 0.9, 0.4, 0.4], [0.2, -1, 1.1, 0.9]);
        var feasibility = new GaussianProcess(kernel, [0.1, 0.2, 0.8, 0.3, 0.5, 0.9, 0.4, 0.4, 0.05, 0.7], [0.5, 0.5, 0.5, 0.5, -0.5]);
        var plain = new LogExpectedImprovement(process, 1.1);
        var acquisition = new LogExpectedImprovement(process, 1.1) { Feasibility = feasibility };
        foreach (var x in new[] { new[] { 0.45, 0.62 }, [0.06, 0.69], [0.95, 0.05] })
        {
            var gradient = new double[2];
            var value = acquisition.ValueWithGradient(x, [0, 1], gradient);
            var (mean, variance) = feasibility.Predict(x);
            var values = new double[1];
            acquisition.Values(x, 1, values);

            Assert.Equal(plain.Value(x) + Math.Log(StandardNormal.Cdf(mean / Math.Sqrt(variance + LogExpectedImprovement.StabilizingVariance))), value, 10);
            Assert.Equal(value, acquisition.Value(x), 10);
            Assert.Equal(value, values[0], 10);
            for (var d = 0; d < 2; d++)
            {
                var (up, down) = ((double[])x.Clone(), (double[])x.Clone());
                up[d] += 1e-6;
                down[d] -= 1e-6;
                Assert.Equal(1, (acquisition.Value(up) - acquisition.Value(down)) / 2e-6 / gradient[d], 4);
            }
        }

        // Next to the configuration that gave no value, a value is unlikely.
        Assert.True(acquisition.Value([0.06, 0.69]) < plain.Value([0.06, 0.69]) - 3);
    }

    /// <summary>erfc by its continued fraction (large x) or by the Taylor series of erf (small x), in double precision.</summary>
    private static double ErfcReference(double x)
    {
        if (x < 0)
        {
            return 2 - ErfcReference(-x);
        }

        if (x < 3)
        {
            double sum = x, term = x;
            for (var n = 1; n < 200; n++)
            {
                term *= -x * x / n;
                sum += term / ((2 * n) + 1);
            }

            return 1 - (2 / Math.Sqrt(Math.PI) * sum);
        }

        var fraction = 0.0;
        for (var k = 200; k >= 1; k--)
        {
            fraction = k / 2.0 / (x + fraction);
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / (x + fraction);
    }
}
