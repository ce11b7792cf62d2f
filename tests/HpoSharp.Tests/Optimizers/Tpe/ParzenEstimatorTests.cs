using HpoSharp.Numerics;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Tests.Optimizers.Tpe;

public sealed class ParzenEstimatorTests
{
    public static TheoryData<string, TpeBandwidth> NumericDimensions()
    {
        var data = new TheoryData<string, TpeBandwidth>();
        foreach (var kind in new[] { "real", "log", "integer", "log-integer", "stepped" })
        {
            foreach (var rule in Enum.GetValues<TpeBandwidth>())
            {
                data.Add(kind, rule);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NumericDimensions))]
    public void TheDensityIntegratesToOneOverTheBounds(string kind, TpeBandwidth rule)
    {
        var dimension = new KernelDimension(Dimension(kind), 0);
        var estimator = Estimator([dimension], Observations(dimension.Dimension, 7, seed: 3), new TpeOptions { Bandwidth = rule });

        Assert.Equal(1.0, Total(estimator, dimension), 1e-9);
    }

    [Fact]
    public void ThePriorOfARangeNearTheLargestDoubleIsCentredOnIt()
    {
        // The bounds' sum overflows a double; their width, 7e307, does not.
        var dimension = new KernelDimension(HpoSharp.Space.Dimension.Real("x", 1e308, 1.7e308), 0);
        var estimator = Estimator([dimension], [], new TpeOptions());
        var samples = new double[200];
        estimator.Sample(new RandomStream(4), samples.Length, samples);

        var mass = StandardNormal.Cdf(0.5) - StandardNormal.Cdf(-0.5);
        Assert.Equal(-StandardNormal.LogSqrtTwoPi - Math.Log(7e307 * mass), LogPdf(estimator, [1.35e308]), 9);
        Assert.InRange(samples.Average(x => x / 1e308), 1.3, 1.4);
    }

    [Fact]
    public void TheMassOfACategoricalDimensionSumsToOneUnderEitherKernel()
    {
        var dimension = new KernelDimension(HpoSharp.Space.Dimension.Categorical("c", 5), 0);
        foreach (var smoothing in new double?[] { null, 0.2 })
        {
            var estimator = Estimator([dimension], [0, 0, 3, 4, 4, 4], new TpeOptions { CategoricalSmoothing = smoothing });

            Assert.Equal(1.0, Total(estimator, dimension), 12);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.3)]
    public void CategoricalSamplesFollowTheProbabilities(double? smoothing)
    {
        var dimension = new KernelDimension(HpoSharp.Space.Dimension.Categorical("c", 5), 0);
        var estimator = Estimator([dimension], [0, 0, 3, 4, 4, 4], new TpeOptions { CategoricalSmoothing = smoothing });
        const int draws = 40_000;
        var samples = new double[draws];
        estimator.Sample(new RandomStream(2), draws, samples);

        for (var c = 0; c < 5; c++)
        {
            var observed = samples.Count(v => v == c) / (double)draws;
            Assert.InRange(observed, Math.Exp(LogPdf(estimator, [c])) - 0.01, Math.Exp(LogPdf(estimator, [c])) + 0.01);
        }
    }

    [Theory]
    [InlineData(new[] { 4.0, 1, 2 }, false, new[] { 2.0, 1, 2 })]
    [InlineData(new[] { 4.0, 1, 2 }, true, new[] { 6.0, 1, 2 })]
    [InlineData(new[] { 5.0, 5.1, 5.2 }, false, new[] { 0.4, 0.4, 0.4 })]
    public void AContinuousDensityMixesTruncatedKernelsOfTheNeighbourBandwidthsAndAPriorOverTheRange(double[] values, bool considerEndpoints, double[] sigmas)
    {
        // On [0, 10] with three observations and the prior, bandwidths are clipped at 10 · (1 + 4)^−2 = 0.4.
        var dimension = new KernelDimension(HpoSharp.Space.Dimension.Real("x", 0, 10), 0);
        var estimator = Estimator([dimension], values, new TpeOptions { ConsiderEndpoints = considerEndpoints });

        AssertNormalMixture(estimator, dimension, values, sigmas, [0.5, 3.0, 4.5, 9.5]);
    }

    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(10, 1.0)]
    public void KernelsModelledJointlyInManyDimensionsAreClippedLessNarrowly(int dimensions, double exponent)
    {
        // Three crowded observations and the prior: bandwidths are clipped at 10 · (1 + 4)^−exponent.
        var dimension = new KernelDimension(HpoSharp.Space.Dimension.Real("x", 0, 10), 0);
        double[] values = [5.0, 5.1, 5.2];
        var estimator = Estimator([.. Enumerable.Repeat(dimension, dimensions)], values, new TpeOptions());
        var sigma = 10 * Math.Pow(5, -exponent);

        AssertNormalMixture(estimator, dimension, values, [sigma, sigma, sigma], [3.0, 5.1], dimensions);
    }

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(2.0, 2.0)]
    [InlineData(0.0, 0.09)]
    public void ADiscreteKernelIsNeverNarrowerThanItsShareOfItsValuesCell(double floor, double sigma)
    {
        // Twenty observations of 5 in 1..9: no gap between them, so without the floor only the clip 9 · 0.01 is left.
        var dimension = new KernelDimension(HpoSharp.Space.Dimension.Integer("n", 1, 9), 0);
        var values = Enumerable.Repeat(5.0, 20).ToArray();
        var estimator = Estimator([dimension], values, new TpeOptions { DiscreteMinBandwidth = floor });

        foreach (var n in new[] { 5, 6, 9 })
        {
            var expected = Mixture(values, [.. values.Select(_ => sigma)], dimension,
                (mu, s) => StandardNormal.Cdf((n + 0.5 - mu) / s) - StandardNormal.Cdf((n - 0.5 - mu) / s));
            Assert.Equal(Math.Log(expected), LogPdf(estimator, [n]), 10);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.3)]
    public void ACategoricalKernelFavoursItsTrialsChoiceByTheRuleOfItsSmoothing(double? smoothing)
    {
        // Optuna's rule: weight 1 on the trial's choice plus ε = prior weight / kernels on every choice, normalised.
        var dimension = new KernelDimension(HpoSharp.Space.Dimension.Categorical("c", 5), 0);
        double[] values = [0, 0, 3, 4, 4, 4];
        var estimator = Estimator([dimension], values, new TpeOptions { CategoricalSmoothing = smoothing });
        var epsilon = 0.5 / 7;
        var (own, other) = smoothing is { } b ? (1 - b, b / 4) : ((1 + epsilon) / (1 + (5 * epsilon)), epsilon / (1 + (5 * epsilon)));

        for (var c = 0; c < 5; c++)
        {
            var expected = Mixture(values, [.. values.Select(_ => 1.0)], dimension, (choice, _) => choice == c ? own : other, prior: 0.2);
            Assert.Equal(Math.Log(expected), LogPdf(estimator, [c]), 12);
        }
    }

    [Theory]
    [InlineData(2, 0.6)]
    [InlineData(2, 0.9)]
    [InlineData(5, 0.95)]
    public void ACategoricalKernelNeverFavoursOtherChoicesOverItsTrials(int choices, double smoothing)
    {
        // Beyond a smoothing of (choices − 1) / choices each other choice would get more than the trials' own choice:
        // the kernels are uniform there, so trials that all chose 0 cannot make any other choice likelier.
        var dimension = new KernelDimension(HpoSharp.Space.Dimension.Categorical("c", choices), 0);
        var estimator = Estimator([dimension], [0, 0, 0], new TpeOptions { CategoricalSmoothing = smoothing });

        for (var c = 1; c < choices; c++)
        {
            Assert.Equal(LogPdf(estimator, [0]), LogPdf(estimator, [c]), 12);
        }
    }

    [Fact]
    public void AJointDensityOverAContinuousAndADiscreteDimensionIntegratesToOne()
    {
        KernelDimension[] dimensions = [new(HpoSharp.Space.Dimension.Real("x", -2, 3), 0), new(HpoSharp.Space.Dimension.Integer("n", 1, 6), 1)];
        var observations = new ParzenObservations();
        observations.Reset(3, 2, withOrder: false);
        double[] values = [-1.5, 0.2, 2.9, 1, 4, 6];
        values.CopyTo(observations.Values);
        observations.Weights.Fill(1);
        var estimator = new ParzenEstimator();
        estimator.Fit(dimensions, observations, new TpeOptions { Bandwidth = TpeBandwidth.Scott });

        var total = 0.0;
        for (var n = 1; n <= 6; n++)
        {
            total += Integrate(x => Math.Exp(LogPdf(estimator, [x, n])), -2, 3);
        }

        Assert.Equal(1.0, total, 1e-9);
    }

    [Fact]
    public void AnEstimatorRefittedToFewerObservationsMatchesAFreshOne()
    {
        KernelDimension[] dimensions = [new(HpoSharp.Space.Dimension.Real("x", 0, 1), 0), new(HpoSharp.Space.Dimension.Categorical("c", 3), 1), new(HpoSharp.Space.Dimension.Integer("n", 1, 9), 2)];
        ParzenObservations Observations(int count)
        {
            var observations = new ParzenObservations();
            observations.Reset(count, 3, withOrder: false);
            var rng = new RandomStream((ulong)count);
            for (var i = 0; i < count; i++)
            {
                observations.Values[i] = rng.NextDouble();
                observations.Values[count + i] = rng.NextInt(3);
                observations.Values[(2 * count) + i] = 1 + rng.NextInt(9);
                observations.Weights[i] = 1 + i;
            }

            return observations;
        }

        var options = new TpeOptions();
        var reused = new ParzenEstimator();
        reused.Fit(dimensions, Observations(40), options);
        reused.Fit(dimensions, Observations(5), options);
        var fresh = new ParzenEstimator();
        fresh.Fit(dimensions, Observations(5), options);

        double[] points = [0.3, 2, 4, 0.9, 0, 9];
        var (a, b) = (new double[2], new double[2]);
        reused.LogPdf(points, 2, a);
        fresh.LogPdf(points, 2, b);
        var (drawsA, drawsB) = (new double[30], new double[30]);
        reused.Sample(new RandomStream(1), 10, drawsA);
        fresh.Sample(new RandomStream(1), 10, drawsB);

        Assert.Equal(b, a);
        Assert.Equal(drawsB, drawsA);
    }

    [Fact]
    public void TheTruncationMemoChangesNoDensity()
    {
        KernelDimension[] dimensions = [new(HpoSharp.Space.Dimension.Real("x", 0, 1), 0), new(HpoSharp.Space.Dimension.Integer("n", 1, 9), 1)];
        // Trial i keeps its values whatever the number of observations, as trials do; bandwidths change with the count.
        ParzenObservations Observations(int count)
        {
            var observations = new ParzenObservations();
            observations.Reset(count, 2, withOrder: false);
            for (var i = 0; i < count; i++)
            {
                observations.Values[i] = (i * 0.6180339887) % 1.0;
                observations.Values[count + i] = 1 + (i % 9);
                observations.Weights[i] = 1;
                observations.Numbers[i] = i;
            }

            return observations;
        }

        var options = new TpeOptions();
        var memo = new TruncationMemo(2);
        var memoised = new ParzenEstimator();
        var plain = new ParzenEstimator();
        double[] points = [0.01, 1, 0.5, 5, 0.97, 9];
        foreach (var count in new[] { 30, 31, 12, 31 })
        {
            memoised.Fit(dimensions, Observations(count), options, memo);
            plain.Fit(dimensions, Observations(count), options);
            var (a, b) = (new double[3], new double[3]);
            memoised.LogPdf(points, 3, a);
            plain.LogPdf(points, 3, b);
            Assert.Equal(b, a);
        }
    }

    [Theory]
    [MemberData(nameof(NumericDimensions))]
    public void SamplesFollowTheDensity(string kind, TpeBandwidth rule)
    {
        var dimension = new KernelDimension(Dimension(kind), 0);
        var estimator = Estimator([dimension], Observations(dimension.Dimension, 5, seed: 8), new TpeOptions { Bandwidth = rule });
        const int draws = 20_000;
        var samples = new double[draws];
        estimator.Sample(new RandomStream(11), draws, samples);

        var middle = 0.5 * (dimension.Low + dimension.High);
        var expected = Probability(estimator, dimension, middle);
        var observed = samples.Count(v => dimension.ToKernel(v) <= middle) / (double)draws;

        Assert.All(samples, v => Assert.True(dimension.Dimension.IsValid(v), $"{v} is not allowed in {dimension.Dimension}"));
        Assert.InRange(observed, expected - 0.015, expected + 0.015);
    }

    private static Dimension Dimension(string kind) => kind switch
    {
        "real" => HpoSharp.Space.Dimension.Real("x", -3, 7),
        "log" => HpoSharp.Space.Dimension.Real("x", 1e-4, 10, log: true),
        "integer" => HpoSharp.Space.Dimension.Integer("x", -4, 12),
        "log-integer" => HpoSharp.Space.Dimension.Integer("x", 1, 300, log: true),
        _ => HpoSharp.Space.Dimension.Real("x", 0, 0.6, step: 0.05),
    };

    private static double[] Observations(Dimension dimension, int count, ulong seed)
    {
        var rng = new RandomStream(seed);
        return [.. Enumerable.Range(0, count).Select(_ => dimension.FromUnit(rng.NextDouble()))];
    }

    /// <summary>An estimator fitted to <paramref name="values"/> on every dimension, observation i weighing 1 + i/2 and the prior 1.</summary>
    private static ParzenEstimator Estimator(KernelDimension[] dimensions, double[] values, TpeOptions options)
    {
        var observations = new ParzenObservations();
        observations.Reset(values.Length, dimensions.Length, withOrder: false);
        for (var d = 0; d < dimensions.Length; d++)
        {
            values.CopyTo(observations.Values[(d * values.Length)..]);
        }

        for (var i = 0; i < values.Length; i++)
        {
            observations.Weights[i] = 1 + (0.5 * i);
        }

        var estimator = new ParzenEstimator();
        estimator.Fit(dimensions, observations, options);
        return estimator;
    }

    /// <summary>
    /// The mixture <see cref="Estimator"/> should fit: observation i weighs 1 + i/2 and the prior 1; each kernel's
    /// <paramref name="term"/> (of its centre and bandwidth) is divided by its mass on the bounds, or for a categorical
    /// dimension the prior's term is <paramref name="prior"/>. The prior is centred on the range and as wide.
    /// </summary>
    private static double Mixture(double[] values, double[] sigmas, KernelDimension dimension, Func<double, double, double> term, double? prior = null, int dimensions = 1)
    {
        double Truncated(double mu, double sigma) =>
            term(mu, sigma) / (StandardNormal.Cdf((dimension.High - mu) / sigma) - StandardNormal.Cdf((dimension.Low - mu) / sigma));
        double Kernel(double mu, double sigma) => dimension.Kind == KernelKind.Categorical ? term(mu, sigma) : Truncated(mu, sigma);

        var weights = values.Select((_, i) => 1 + (0.5 * i)).ToArray();
        var total = weights.Sum() + 1;
        var sum = Math.Pow(prior ?? Truncated(0.5 * (dimension.Low + dimension.High), dimension.Range), dimensions);
        for (var i = 0; i < values.Length; i++)
        {
            sum += weights[i] * Math.Pow(Kernel(values[i], sigmas[i]), dimensions);
        }

        return sum / total;
    }

    /// <summary>
    /// Asserts that <paramref name="estimator"/>'s density at each point with all coordinates equal to one of
    /// <paramref name="points"/> is the <see cref="Mixture"/> of truncated normal kernels of bandwidths <paramref name="sigmas"/>.
    /// </summary>
    private static void AssertNormalMixture(ParzenEstimator estimator, KernelDimension dimension, double[] values, double[] sigmas, double[] points, int dimensions = 1)
    {
        foreach (var x in points)
        {
            var expected = Mixture(values, sigmas, dimension, NormalAt(x), dimensions: dimensions);
            Assert.Equal(Math.Log(expected), LogPdf(estimator, [.. Enumerable.Repeat(x, dimensions)]), 9);
        }
    }

    /// <summary>The normal density at <paramref name="x"/> as a function of its mean and standard deviation.</summary>
    private static Func<double, double, double> NormalAt(double x) =>
        (mu, sigma) => Math.Exp(-0.5 * Math.Pow((x - mu) / sigma, 2)) / (Math.Sqrt(2 * Math.PI) * sigma);

    private static double LogPdf(ParzenEstimator estimator, double[] point)
    {
        var result = new double[1];
        estimator.LogPdf(point, 1, result);
        return result[0];
    }

    /// <summary>The total mass: the integral over the kernel scale of a continuous dimension, the sum over values otherwise.</summary>
    private static double Total(ParzenEstimator estimator, KernelDimension dimension) =>
        Probability(estimator, dimension, double.PositiveInfinity);

    /// <summary>The probability of the values at most <paramref name="upTo"/> on the kernel scale.</summary>
    private static double Probability(ParzenEstimator estimator, KernelDimension dimension, double upTo)
    {
        if (dimension.Kind == KernelKind.Continuous)
        {
            return Integrate(z => Math.Exp(LogPdf(estimator, [dimension.Dimension.Unwarp(z)])), dimension.Low, Math.Min(upTo, dimension.High));
        }

        var values = Enumerable.Range(0, 100_000).Select(i => dimension.Dimension.Low + (i * dimension.Dimension.Step))
            .TakeWhile(v => v <= dimension.Dimension.High + 1e-9).Select(dimension.Dimension.Snap);
        return values.Where(v => dimension.ToKernel(v) <= upTo).Sum(v => Math.Exp(LogPdf(estimator, [v])));
    }

    /// <summary>Composite Simpson's rule on 20,000 intervals.</summary>
    private static double Integrate(Func<double, double> f, double low, double high)
    {
        const int intervals = 20_000;
        var h = (high - low) / intervals;
        var sum = f(low) + f(high);
        for (var i = 1; i < intervals; i++)
        {
            sum += f(low + (i * h)) * (i % 2 == 1 ? 4 : 2);
        }

        return sum * h / 3;
    }
}
