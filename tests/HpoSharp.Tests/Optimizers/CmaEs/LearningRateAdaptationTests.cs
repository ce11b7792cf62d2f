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
