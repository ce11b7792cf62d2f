using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// How far one update moves the mean of a fresh search over 2 coordinates (C = I, λ = 6) when the best sample lies along
/// the first coordinate and the others on the mean: by the best sample's weight times its step, the step of a clipped,
/// repaired or injected sample shortened to the typical Mahalanobis length √2 + 2·2/4.
/// </summary>
public sealed class GaussianSearchTests
{
    private const int Lambda = 6;
    private static readonly double TypicalLength = Math.Sqrt(2) + 1;

    [Theory]
    [InlineData(100, false, false)]
    [InlineData(100, true, true)]
    [InlineData(1, true, false)]
    public void OnlyAClippedSampleBeyondATypicalLengthHasItsStepShortened(double steps, bool clipped, bool shortened)
    {
        var gaussian = new GaussianSearch([0.5, 0.5], 0.1);
        gaussian.Update(Generation([0.5 + (steps * 0.1), 0.5]), [clipped, .. new bool[Lambda - 1]], Parameters);
        AssertMeanMovedBy(shortened ? TypicalLength : steps, 0.1, gaussian.Mean);
    }

    [Theory]
    [InlineData(1.0, false, true)]
    [InlineData(0.9, true, true)]
    [InlineData(0.9, false, false)]
    public void ARunShortensTheStepsOfSamplesOnABoundAndOfInjectedOnes(double x, bool injected, bool shortened)
    {
        // σ = 0.01: the best sample lies 50 (on the bound) or 40 standard deviations out.
        var run = new CmaRun(new CmaCoordinates(TestFunctions.Box(2, 0, 1)), Lambda, [0.5, 0.5], 0.01, null);
        run.Tell(Generation([x, 0.5]), [.. Enumerable.Range(0, Lambda).Select(k => (double)-k)], [injected, .. new bool[Lambda - 1]]);
        AssertMeanMovedBy(shortened ? TypicalLength : (x - 0.5) / 0.01, 0.01, run.Gaussian!.Mean);
    }

    [Fact]
    public void AGivenInitialCovarianceIsDecomposedBeforeTheFirstSample()
    {
        double[] covariance = [2.0, 0.6, 0.6, 0.5];
        var gaussian = new GaussianSearch([0.5, 0.5], 0.1, covariance: covariance);
        var d = gaussian.AxisLengths.ToArray();
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                Assert.Equal(covariance[(i * 2) + j], Enumerable.Range(0, 2).Sum(k => gaussian.AxisEntry(i, k) * d[k] * d[k] * gaussian.AxisEntry(j, k)), 12);
            }
        }

        covariance[0] = 9;
        Assert.Equal(2.0, gaussian.Variance(0));
    }

    /// <summary>
    /// Hansen's h_σ: after the first update p_σ = √(c_σ(2 − c_σ)μ_eff) y_w, so ‖p_σ‖ / √(1 − (1 − c_σ)²) = √μ_eff ‖y_w‖.
    /// The best sample is placed so that this is <paramref name="ratio"/> times E‖N(0, I)‖, on either side of the threshold
    /// 1.4 + 2/(n + 1) = 2.07 for n = 2: below it p_c = √(c_c(2 − c_c)μ_eff) y_w, above it p_c stays 0.
    /// </summary>
    [Theory]
    [InlineData(1.95, false)]
    [InlineData(2.05, false)]
    [InlineData(2.1, true)]
    public void TheRankOnePathStallsOnlyBeyondOnePointFourPlusTwoOverNPlusOneExpectedLengths(double ratio, bool stalls)
    {
        var p = Parameters;
        var steps = ratio * p.ChiN / (Math.Sqrt(p.MuEff) * p.Weights[0]);
        var gaussian = new GaussianSearch([0.5, 0.5], 0.01);

        gaussian.Update(Generation([0.5 + (steps * 0.01), 0.5]), new bool[Lambda], p);

        var expected = stalls ? 0 : Math.Sqrt(p.Cc * (2 - p.Cc) * p.MuEff) * p.Weights[0] * steps;
        Assert.Equal(expected, gaussian.RankOnePath[0], 10);
        Assert.Equal(0, gaussian.RankOnePath[1]);
    }

    private static CmaParameters Parameters => new(2, 0, 0, Lambda);

    /// <summary><paramref name="best"/>, then the others on the mean (0.5, 0.5).</summary>
    private static double[][] Generation(double[] best) => [best, .. Enumerable.Range(1, Lambda - 1).Select(_ => new[] { 0.5, 0.5 })];

    private static void AssertMeanMovedBy(double steps, double sigma, double[] mean)
    {
        Assert.Equal(0.5 + (Parameters.Weights[0] * steps * sigma), mean[0], 12);
        Assert.Equal(0.5, mean[1]);
    }
}
