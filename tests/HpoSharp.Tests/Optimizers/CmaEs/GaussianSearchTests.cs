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

    private static CmaParameters Parameters => new(2, 0, 0, Lambda);

    /// <summary><paramref name="best"/>, then the others on the mean (0.5, 0.5).</summary>
    private static double[][] Generation(double[] best) => [best, .. Enumerable.Range(1, Lambda - 1).Select(_ => new[] { 0.5, 0.5 })];

    private static void AssertMeanMovedBy(double steps, double sigma, double[] mean)
    {
        Assert.Equal(0.5 + (Parameters.Weights[0] * steps * sigma), mean[0], 12);
        Assert.Equal(0.5, mean[1]);
    }
}
