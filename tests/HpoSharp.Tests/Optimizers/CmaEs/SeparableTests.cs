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

        // In two dimensions both decompose after every update.
        Assert.InRange(Math.Abs(full.AxisEntry(0, 0)), 0.6, 0.8);
        var axes = new[] { (0, 0), (0, 1), (1, 0), (1, 1) }.Select(e => separable.AxisEntry(e.Item1, e.Item2));
        Assert.Equal([1.0, 1.0], axes.Where(b => b != 0));
        Assert.NotEqual(1, separable.Variance(0));
    }

    [Fact]
    public void TheFirstDiagonalUpdateIsTheDiagonalOfTheFullOne()
    {
        // From the same diagonal C with the same rates, both see the same steps, paths and whitened lengths (a negative
        // weight included), so the separable C is the full C's diagonal after one update.
        double[][] generation = [[0.61, 0.42, 0.5], [0.55, 0.47, 0.31], [0.49, 0.58, 0.7], [0.44, 0.39, 0.52], [0.36, 0.52, 0.45], [0.57, 0.66, 0.6], [0.3, 0.7, 0.2]];
        double[] start = [4, 0, 0, 0, 0.25, 0, 0, 0, 1];
        var parameters = new CmaParameters(3, 0, 0, generation.Length);
        var clip = new bool[generation.Length];
        var full = new GaussianSearch([0.5, 0.5, 0.5], 0.1, covariance: start);
        var separable = new GaussianSearch([0.5, 0.5, 0.5], 0.1, new GaussianVariant(Separable: true), [4, 0.25, 1]);
        full.Update(generation, clip, parameters);
        separable.Update(generation, clip, parameters);

        Assert.Contains(parameters.Weights, w => w < 0);
        Assert.Equal(full.Sigma, separable.Sigma, 14);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(full.Mean[i], separable.Mean[i], 14);
            Assert.Equal(full.Variance(i), separable.Variance(i), 14);
        }

        Assert.Equal(Enumerable.Range(0, 3).Select(separable.Variance).Order().Select(Math.Sqrt), separable.AxisLengths.ToArray());
    }

    [Fact]
    public void SamplesSpreadAsTheDiagonalSays()
    {
        var separable = new GaussianSearch([0.5, 0.5], 0.1, new GaussianVariant(Separable: true), [4, 0.25]);
        var rng = new RandomStream(3);
        var samples = Enumerable.Range(0, 4000).Select(_ =>
        {
            var v = new double[2];
            separable.Sample(rng, v);
            return v;
        }).ToArray();

        // Standard deviations σ√C_ii = 0.2 and 0.05, within 5% over 4,000 samples.
        Assert.InRange(Deviation(samples.Select(v => v[0])), 0.19, 0.21);
        Assert.InRange(Deviation(samples.Select(v => v[1])), 0.0475, 0.0525);

        static double Deviation(IEnumerable<double> values) => Math.Sqrt(values.Select(x => (x - 0.5) * (x - 0.5)).Average());
    }

    [Fact]
    public void ItsMemoryGrowsLinearlyWithTheDimension()
    {
        // 2,000 coordinates and λ = 26: creating the search, drawing λ samples into given arrays and updating allocate
        // about 2.4 λn doubles (the normal draws, the steps and a few vectors: 1 MB), where a full C and its
        // eigenvectors would take 2n² (64 MB).
        const int n = 2000;
        var parameters = new CmaParameters(n, 0, 0, 26, separable: true);
        var rng = new RandomStream(1);
        var samples = Enumerable.Range(0, 26).Select(_ => new double[n]).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var separable = new GaussianSearch([.. Enumerable.Repeat(0.5, n)], 0.1, new GaussianVariant(Separable: true));
        foreach (var sample in samples)
        {
            separable.Sample(rng, sample);
        }

        separable.Update(samples, new bool[samples.Length], parameters);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 4 * 26 * n * sizeof(double), $"allocated {allocated} bytes");
    }

    [Fact]
    public void AGivenDiagonalSetsTheVariancesAndTheAxes()
    {
        var gaussian = new GaussianSearch([0.5, 0.5], 0.1, new GaussianVariant(Separable: true), [2.0, 0.5]);
        Assert.Equal((2.0, 0.5), (gaussian.Variance(0), gaussian.Variance(1)));
        Assert.Equal((0.0, 1.0, 1.0, 0.0), (gaussian.AxisEntry(0, 0), gaussian.AxisEntry(1, 0), gaussian.AxisEntry(0, 1), gaussian.AxisEntry(1, 1)));
        Assert.Equal(0.5, gaussian.AxisLengths[0] * gaussian.AxisLengths[0], 14);
        Assert.Equal(2.0, gaussian.AxisLengths[1] * gaussian.AxisLengths[1], 14);
    }

    [Fact]
    public void OnAnAxisAlignedEllipsoidInTwentyDimensionsItIsFarFaster()
    {
        // Condition 1e4, optimum at (1, …, 1) in [-5, 5]^20, 1,000 evaluations, one run: measured medians over 5 seeds
        // 27 separable, 222 full.
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
