using HpoSharp.Execution;
using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// sep-CMA-ES (<see cref="CmaEsOptions.Separable"/>): learning rates (n + 2)/3 times the full ones, a C that stays
/// diagonal whatever the samples, and a far faster search of an axis-aligned ellipsoid in 20 dimensions.
/// </summary>
public sealed class SeparableTests
{
    [Theory]
    [InlineData(10, 10)]
    [InlineData(40, 15)]
    public void TheRatesOfCAreNPlus2Over3TimesTheFullOnes(int n, int lambda)
    {
        var (full, separable) = (new CmaParameters(n, 0, 0, lambda), new CmaParameters(n, 0, 0, lambda, separable: true));
        Assert.Equal(full.C1 * (n + 2) / 3, separable.C1, 15);
        Assert.Equal(full.CMu * (n + 2) / 3, separable.CMu, 15);
        Assert.Equal((full.CSigma, full.Cc, full.MuEff), (separable.CSigma, separable.Cc, separable.MuEff));
    }

    [Fact]
    public void CStaysDiagonalWhereTheFullOneLearnsACorrelation()
    {
        // The better samples lie along the diagonal x = y: the full C tilts its axes, the separable one keeps the
        // coordinate axes and only changes their lengths.
        double[][] generation = [[0.6, 0.6], [0.4, 0.4], [0.58, 0.57], [0.43, 0.44], [0.5, 0.62], [0.62, 0.5]];
        var clip = new bool[generation.Length];
        var full = new GaussianSearch([0.5, 0.5], 0.1);
        var separable = new GaussianSearch([0.5, 0.5], 0.1, new GaussianVariant(Separable: true));
        full.Update(generation, clip, new CmaParameters(2, 0, 0, generation.Length));
        separable.Update(generation, clip, new CmaParameters(2, 0, 0, generation.Length, separable: true));

        full.Decompose();
        separable.Decompose();
        Assert.InRange(Math.Abs(full.Axes[0]), 0.6, 0.8);
        Assert.Equal([1.0, 1.0], separable.Axes.ToArray().Select(Math.Abs).Where(b => b != 0));
        Assert.NotEqual(1, separable.Variance(0));
    }

    [Fact]
    public void AGivenCovarianceKeepsOnlyItsDiagonal()
    {
        var gaussian = new GaussianSearch([0.5, 0.5], 0.1, new GaussianVariant(Separable: true), [2.0, 0.6, 0.6, 0.5]);
        Assert.Equal((2.0, 0.5), (gaussian.Variance(0), gaussian.Variance(1)));
        Assert.Equal(0.5, gaussian.AxisLengths[0] * gaussian.AxisLengths[0], 14);
        Assert.Equal(2.0, gaussian.AxisLengths[1] * gaussian.AxisLengths[1], 14);
    }

    [Fact]
    public void OnAnAxisAlignedEllipsoidInTwentyDimensionsItIsFarFaster()
    {
        // Condition 1e4, optimum at (1, …, 1) in [-5, 5]^20, 1,000 evaluations, one run: measured medians over 5 seeds
        // 26 separable, 222 full.
        double Median(bool separable) => Enumerable.Range(1, 5)
            .Select(seed => new Study(
                    new CmaEsOptimizer(TestFunctions.Box(20, -5, 5), new CmaEsOptions { Separable = separable, Restarts = RestartStrategy.None }),
                    new StudyOptions { Seed = (ulong)seed, MaxEvaluations = 1000 })
                .Optimize(c => Ellipsoid(TestFunctions.Point(c.HyperParameters, 20))).BestValue)
            .Order().ElementAt(2);

        var (full, separable) = (Median(false), Median(true));
        Assert.True(separable < full / 4, $"median best: separable {separable}, full {full}");
    }

    private static double Ellipsoid(double[] x) => x.Select((v, i) => Math.Pow(1e4, i / (x.Length - 1.0)) * (v - 1) * (v - 1)).Sum();
}
