using HpoSharp.Execution;
using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// LRA-CMA-ES's learning rates: exact after one update, back to 1 while updates agree, falling while they contradict each
/// other; the update of a search that adapts them is the plain update scaled by the rates, with C of determinant 1; and
/// on a noisy sphere the adapted rates find a far better mean than the plain strategy with the same evaluations.
/// </summary>
public sealed class LearningRateAdaptationTests
{
    [Fact]
    public void OneObservationLowersEachRateByItsSmoothingFactor()
    {
        // After one update E = βΔ and V = β‖Δ‖², so the estimated ratio is β/(2 − β) whatever Δ.
        var rates = new LearningRateAdaptation(2, 4);
        rates.Observe([0.3, -1.2], [0.5, 0.1, 0.1, -0.4]);

        Assert.Equal(FirstRate(0.1), rates.MeanRate, 15);
        Assert.Equal(FirstRate(0.03), rates.CovarianceRate, 15);
    }

    [Fact]
    public void RatesReturnToOneWhileUpdatesAgree()
    {
        var rates = new LearningRateAdaptation(2, 4);
        var lowest = (Mean: 1.0, Covariance: 1.0);
        for (var t = 0; t < 200; t++)
        {
            rates.Observe([0.3, -1.2], [0.5, 0.1, 0.1, -0.4]);
            lowest = (Math.Min(lowest.Mean, rates.MeanRate), Math.Min(lowest.Covariance, rates.CovarianceRate));
        }

        Assert.True(lowest.Mean < 0.8 && lowest.Covariance < 0.8, $"lowest rates {lowest}");
        Assert.Equal(1, rates.MeanRate);
        Assert.Equal(1, rates.CovarianceRate);
    }

    [Fact]
    public void RatesFallWhileUpdatesContradictEachOther()
    {
        var rates = new LearningRateAdaptation(2, 4);
        for (var t = 0; t < 200; t++)
        {
            var sign = t % 2 == 0 ? 1 : -1;
            rates.Observe([sign * 0.3, sign * -1.2], [sign * 0.5, 0.1, 0.1, sign * -0.4]);
        }

        Assert.InRange(rates.MeanRate, 1e-3, 0.05);
        Assert.InRange(rates.CovarianceRate, 1e-3, 0.2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnAdaptedUpdateIsThePlainOneScaledByTheRates(bool separable)
    {
        double[][] generation = [[0.62, 0.41], [0.55, 0.47], [0.49, 0.58], [0.44, 0.39], [0.36, 0.52], [0.57, 0.66]];
        var parameters = new CmaParameters(2, 0, 0, generation.Length, separable);
        var clip = new bool[generation.Length];
        var plain = new GaussianSearch([0.5, 0.5], 0.1, new GaussianVariant(separable));
        var adapted = new GaussianSearch([0.5, 0.5], 0.1, new GaussianVariant(separable, AdaptLearningRates: true));
        plain.Update(generation, clip, parameters);
        adapted.Update(generation, clip, parameters);

        var (meanRate, covarianceRate) = (FirstRate(0.1), FirstRate(0.03));
        Assert.Equal((meanRate, covarianceRate), (adapted.MeanRate, adapted.CovarianceRate));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(0.5 + (meanRate * (plain.Mean[i] - 0.5)), adapted.Mean[i], 14);

            // σ²C is the blend of the old Σ = 0.01 I and the plain update's, before σ is divided by the mean rate.
            var blended = ((1 - covarianceRate) * 0.01) + (covarianceRate * plain.Sigma * plain.Sigma * plain.Variance(i));
            var sigma = adapted.Sigma * meanRate;
            Assert.Equal(blended, sigma * sigma * adapted.Variance(i), 14);
        }

        var axes = adapted.AxisLengths.ToArray();
        Assert.Equal(1, axes[0] * axes[1], 12);
    }

    [Fact]
    public void ARateChangesByAtMostItsStepFactorPerObservation()
    {
        // Contradicting updates, then agreeing ones: the relative ratio is clipped to [-1, 1], so a rate η changes by a
        // factor within e^(±min(0.1 η, β)) per observation, however far the estimate is from its target.
        var rates = new LearningRateAdaptation(2, 4);
        var largest = (Mean: 0.0, Covariance: 0.0);
        for (var t = 0; t < 400; t++)
        {
            var sign = t < 100 && t % 2 == 1 ? -1 : 1;
            var (meanBefore, covarianceBefore) = (rates.MeanRate, rates.CovarianceRate);
            rates.Observe([sign * 0.3, sign * -1.2], [sign * 0.5, 0.1, 0.1, sign * -0.4]);
            largest = (
                Math.Max(largest.Mean, Math.Abs(Math.Log(rates.MeanRate / meanBefore)) / Math.Min(0.1 * meanBefore, 0.1)),
                Math.Max(largest.Covariance, Math.Abs(Math.Log(rates.CovarianceRate / covarianceBefore)) / Math.Min(0.1 * covarianceBefore, 0.03)));
        }

        Assert.InRange(largest.Mean, 0.99, 1 + 1e-9);
        Assert.InRange(largest.Covariance, 0.99, 1 + 1e-9);
    }

    [Fact]
    public void AnUpdateThatDoesNotMoveLeavesItsRateAsItWas()
    {
        // A zero step gives E = 0 and V = 0: no estimate of the ratio, so the mean's rate stays at 1.
        var rates = new LearningRateAdaptation(2, 2);
        rates.Observe([0.0, 0.0], [0.5, -0.4]);
        Assert.Equal(1, rates.MeanRate);
        Assert.Equal(FirstRate(0.03), rates.CovarianceRate, 15);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheRatesSeeEachUpdateInTheCoordinatesOfTheDistributionBeforeIt(bool separable)
    {
        // From C₀ = diag(4, 0.25, 1), eight generations: the full-rate update of each, recovered from the blended one,
        // measured with the Σ^(-1/2) of the distribution before it (Σ^(-1/2) Δm and Σ^(-1/2) ΔΣ Σ^(-1/2)) and fed to a
        // second adaptation, gives the search's own rates.
        const int n = 3, lambda = 6;
        var parameters = new CmaParameters(n, 0, 0, lambda, separable);
        var gaussian = new GaussianSearch([0.5, 0.5, 0.5], 0.1, new GaussianVariant(separable, AdaptLearningRates: true), separable ? [4, 0.25, 1] : [4, 0, 0, 0, 0.25, 0, 0, 0, 1]);
        var expected = new LearningRateAdaptation(n, n * n);
        var rng = new RandomStream(5);
        double[] target = [0.7, 0.2, 0.6];
        for (var t = 0; t < 8; t++)
        {
            var (oldMean, oldMeanRate) = ((double[])gaussian.Mean.Clone(), gaussian.MeanRate);
            var (oldCovariance, oldInverseRoot) = (Covariance(gaussian, gaussian.Sigma), InverseRoot(gaussian));
            var samples = Enumerable.Range(0, lambda).Select(_ =>
            {
                var v = new double[n];
                gaussian.Sample(rng, v);
                return v;
            }).OrderBy(v => TestFunctions.Sphere([.. v.Select((x, i) => x - target[i])])).ToArray();
            gaussian.Update(samples, new bool[lambda], parameters);

            double[] meanChange = [.. Enumerable.Range(0, n).Select(i => (gaussian.Mean[i] - oldMean[i]) / gaussian.MeanRate)];
            var blended = Covariance(gaussian, gaussian.Sigma * gaussian.MeanRate / oldMeanRate);
            double[] change = [.. blended.Select((b, e) => (b - oldCovariance[e]) / gaussian.CovarianceRate)];
            expected.Observe(
                [.. Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => oldInverseRoot[(i * n) + j] * meanChange[j]))],
                Product(Product(oldInverseRoot, change, n), oldInverseRoot, n));
            Assert.Equal(expected.MeanRate, gaussian.MeanRate, 12);
            Assert.Equal(expected.CovarianceRate, gaussian.CovarianceRate, 12);
        }

        Assert.True(gaussian.MeanRate < 0.95 && gaussian.CovarianceRate < 0.95, $"rates {gaussian.MeanRate}, {gaussian.CovarianceRate}");
    }

    /// <summary>σ² B D² Bᵀ from the search's last decomposition, n×n row-major.</summary>
    private static double[] Covariance(GaussianSearch gaussian, double sigma)
    {
        var (n, d) = (gaussian.Mean.Length, gaussian.AxisLengths.ToArray());
        return [.. Enumerable.Range(0, n * n).Select(e => sigma * sigma * Enumerable.Range(0, n).Sum(k => gaussian.AxisEntry(e / n, k) * d[k] * d[k] * gaussian.AxisEntry(e % n, k)))];
    }

    /// <summary>Σ^(-1/2) = B D⁻¹ Bᵀ / σ from the search's last decomposition, n×n row-major.</summary>
    private static double[] InverseRoot(GaussianSearch gaussian)
    {
        var (n, d) = (gaussian.Mean.Length, gaussian.AxisLengths.ToArray());
        return [.. Enumerable.Range(0, n * n).Select(e => Enumerable.Range(0, n).Sum(k => gaussian.AxisEntry(e / n, k) * gaussian.AxisEntry(e % n, k) / d[k]) / gaussian.Sigma)];
    }

    private static double[] Product(double[] left, double[] right, int n) =>
        [.. Enumerable.Range(0, n * n).Select(e => Enumerable.Range(0, n).Sum(k => left[((e / n) * n) + k] * right[(k * n) + (e % n)]))];

    [Fact]
    public void OnANoiseFreeSphereTheCovarianceRateStaysHigh()
    {
        // Updates are measured relative to the σ they were made with: as σ shrinks by orders of magnitude they stay
        // comparable, so steady progress keeps η_Σ high (the mean's rate settles near 0.05, as in the authors' code).
        for (ulong seed = 1; seed <= 5; seed++)
        {
            var run = Run(seed, adapt: true, evaluations: 3000, noise: 0);
            Assert.InRange(run.Gaussian!.CovarianceRate, 0.2, 1);
            Assert.InRange(run.Gaussian.MeanRate, 0.03, 0.07);
        }
    }

    [Fact]
    public void OnANoisySphereAdaptedRatesFindAFarBetterMean()
    {
        // 10-D sphere on [-5, 5]^10 observed through noise of sd 1, default population, 20,000 evaluations.
        double Median(bool adapt) => Enumerable.Range(1, 5).Select(seed => Sphere(Run((ulong)seed, adapt, 20_000, noise: 1).Gaussian!.Mean)).Order().ElementAt(2);

        var (plain, adapted) = (Median(false), Median(true));
        Assert.True(adapted < 0.05 && plain > 0.2, $"median f(mean): plain {plain}, adapted {adapted}");
    }

    /// <summary>The rate after one update with smoothing β: e^(β (ratio / 1.4 − 1)), the ratio being β/(2 − β).</summary>
    private static double FirstRate(double beta) => Math.Exp(beta * ((beta / (2 - beta) / 1.4) - 1));

    [Fact]
    public void TheOptionAdaptsTheRatesOfAStudysRuns()
    {
        // A non-elitist study without restarts on a noisy sphere centred at (2, …, 2): its last samples centre far closer
        // to the optimum with the option than without.
        double LastCentre(bool adapt)
        {
            var noise = new RandomStream(3, 2);
            var options = new CmaEsOptions { LearningRateAdaptation = adapt, Elitist = false, Restarts = RestartStrategy.None };
            var result = new Study(new CmaEsOptimizer(TestFunctions.Box(10, -5, 5), options), new StudyOptions { Seed = 3, MaxEvaluations = 20_000 })
                .Optimize(c => Shifted(TestFunctions.Point(c.HyperParameters, 10)) + noise.NextGaussian());
            var last = result.Trials.TakeLast(200).Select(t => TestFunctions.Point(result.HyperParametersOf(t), 10)).ToArray();
            return Shifted([.. Enumerable.Range(0, 10).Select(i => last.Average(x => x[i]))]);
        }

        var (plain, adapted) = (LastCentre(false), LastCentre(true));
        Assert.True(adapted < plain / 10, $"f(centre of the last 200 samples): plain {plain}, adapted {adapted}");
    }

    /// <summary>A run of λ = 10 on the 10-D sphere over [-5, 5]^10, from a seeded mean in [1, 5]^10 with σ = 2.</summary>
    private static CmaRun Run(ulong seed, bool adapt, int evaluations, double noise)
    {
        var start = new RandomStream(seed, 9);
        var run = new CmaRun(new CmaCoordinates(TestFunctions.Box(10, -5, 5)), 10, [.. Enumerable.Range(0, 10).Select(_ => 0.6 + (0.4 * start.NextDouble()))], 0.2, null, new GaussianVariant(AdaptLearningRates: adapt));
        var (rng, noiseRng) = (new RandomStream(seed, 1), new RandomStream(seed, 2));
        for (var done = 0; done < evaluations; done += 10)
        {
            var samples = Enumerable.Range(0, 10).Select(_ => run.Sample(rng)).ToArray();
            var values = samples.Select(s => Sphere(s) + (noise * noiseRng.NextGaussian())).ToArray();
            var order = Enumerable.Range(0, 10).OrderBy(k => values[k]).ToArray();
            run.Tell([.. order.Select(k => samples[k])], [.. order.Select(k => -values[k])], new bool[10]);
        }

        return run;
    }

    private static double Shifted(double[] x) => TestFunctions.Sphere([.. x.Select(v => v - 2)]);

    private static double Sphere(double[] unit) => TestFunctions.Sphere([.. unit.Select(u => (10 * u) - 5)]);
}
