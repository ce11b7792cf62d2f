using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// The warm start of WS-CMA-ES: which source trials it takes, the Gaussian it fits to them, where the first run starts,
/// what it gains on a similar problem, and how it refuses source trials that do not fit.
/// </summary>
public sealed class WarmStartTests
{
    private static readonly SearchSpace Plane = TestFunctions.Box(2, 0, 10);

    /// <summary>
    /// Ten complete trials on [0, 10]² (the best three of a minimising study at (2, 3), (4, 5) and (3, 7); the highest
    /// values 16 at (10, 10) and 15 at (0, 0)); trial 2 failed and trial 7 was pruned, and these do not count towards N.
    /// </summary>
    private static readonly (double Value, double X, double Y)[] Points =
        [(12, 9, 9), (2, 4, 5), (double.NaN, 5, 5), (10, 8, 1), (3, 3, 7), (16, 10, 10), (11, 1, 8), (double.NaN, 5, 5), (1, 2, 3), (13, 7, 7), (15, 0, 0), (14, 6, 2)];

    [Fact]
    public void TheBestTrialAloneGivesAGaussianOfTheSpreadAroundIt()
    {
        // γ = 0.1 of 10: the best trial only, so m* = x_best, Σ* = α² I, σ₀ = α and C₀ = I.
        var start = Fit(0.1, Direction.Minimize);
        Assert.Equal([0.2, 0.3], start.Mean);
        Assert.Equal(0.1, start.Sigma, 15);
        AssertMatrix([1, 0, 0, 1], start.Covariance!);
    }

    [Fact]
    public void TheBestShareGivesTheirMeanAndTheSpreadPlusTheirCovariance()
    {
        // γ = 0.3 of 10 (not of 12): the best 3 at (0.2, 0.3), (0.4, 0.5), (0.3, 0.7) in the unit square. m* = (0.3, 0.5);
        // their covariance is [[0.02, 0.02], [0.02, 0.08]] / 3, so Σ* = [[0.05, 0.02], [0.02, 0.11]] / 3 with α = 0.1,
        // det Σ* = 0.0051 / 9, σ₀ = det^(1/4) and C₀ = Σ*/σ₀² = [[0.05, 0.02], [0.02, 0.11]] / √0.0051.
        var start = Fit(0.3, Direction.Minimize);
        Assert.Equal(0.3, start.Mean[0], 15);
        Assert.Equal(0.5, start.Mean[1], 15);
        Assert.Equal(Math.Pow(0.0051 / 9, 0.25), start.Sigma, 14);
        AssertMatrix([.. new[] { 0.05, 0.02, 0.02, 0.11 }.Select(c => c / Math.Sqrt(0.0051))], start.Covariance!);
    }

    [Fact]
    public void ASeparableSearchStartsFromTheClosestDiagonalGaussian()
    {
        // The same three points: Σ* keeps its diagonal (0.05, 0.11) / 3, whose determinant 0.0055 / 9 sets σ₀, and C₀
        // is its n entries (0.05, 0.11) / √0.0055, of determinant 1.
        var start = Fit(0.3, Direction.Minimize, separable: true);
        Assert.Equal([0.3, 0.5], start.Mean.Select(m => Math.Round(m, 15)));
        Assert.Equal(Math.Pow(0.0055 / 9, 0.25), start.Sigma, 14);
        AssertMatrix([0.05 / Math.Sqrt(0.0055), 0.11 / Math.Sqrt(0.0055)], start.Covariance!);
    }

    [Theory]
    [InlineData(0.1, 1.0, 1.0)]
    [InlineData(0.2, 0.5, 0.5)]
    public void AMaximizingSourceStudyGivesItsHighestValues(double share, double meanX, double meanY)
    {
        // The highest values are 16 at (10, 10) and 15 at (0, 0); the new study's own direction plays no part.
        var start = Fit(share, Direction.Maximize);
        Assert.Equal(meanX, start.Mean[0], 15);
        Assert.Equal(meanY, start.Mean[1], 15);
    }

    [Fact]
    public void TrialsOfEqualValueAreTakenInOrderOfNumber()
    {
        // Trials 1 and 2 tie for the best value; γ = 0.1 of 3 takes one trial, the earlier.
        var study = new Study(new RandomOptimizer(Plane), new StudyOptions { Seed = 1 });
        study.AddTrial(new Dictionary<string, object?> { ["x0"] = 5.0, ["x1"] = 5.0 }, 3);
        study.AddTrial(new Dictionary<string, object?> { ["x0"] = 2.0, ["x1"] = 3.0 }, 1);
        study.AddTrial(new Dictionary<string, object?> { ["x0"] = 8.0, ["x1"] = 7.0 }, 1);
        var start = WarmStart.Of(new CmaEsOptions { WarmStartFrom = study.GetResult() }, Plane, new CmaCoordinates(Plane))!;
        Assert.Equal([0.2, 0.3], start.Mean);
    }

    [Theory]
    [InlineData(1e-12, 1)]
    [InlineData(0.27, 7)]
    [InlineData(0.28, 7)]
    [InlineData(0.29, 8)]
    public void TheShareIsRoundedUpToWholeTrialsAndAtLeastOne(double share, int k)
    {
        // 25 trials on the diagonal of [0, 10]², the better the nearer the origin: the best k of them have the mean
        // (k − 1)/2 · 0.4 / 10 in each coordinate. 0.28 · 25 is 7.000000000000001 in floating point, still 7 trials.
        var study = new Study(new RandomOptimizer(Plane), new StudyOptions { Seed = 1 });
        for (var i = 0; i < 25; i++)
        {
            study.AddTrial(new Dictionary<string, object?> { ["x0"] = 0.4 * i, ["x1"] = 0.4 * i }, i);
        }

        var start = WarmStart.Of(new CmaEsOptions { WarmStartFrom = study.GetResult(), WarmStartTopShare = share }, Plane, new CmaCoordinates(Plane))!;
        Assert.Equal(0.02 * (k - 1), start.Mean[0], 14);
        Assert.Equal(0.02 * (k - 1), start.Mean[1], 14);
    }

    [Fact]
    public void ACompleteTrialWithoutAFiniteValueIsNotUsable()
    {
        // A store may hold trials recorded elsewhere: one complete with the value −∞ would rank first in a minimising
        // study, but only the trial at (2, 3) is usable.
        var store = new InMemoryTrialStore();
        var recorded = new Study(new RandomOptimizer(Plane), new StudyOptions { Seed = 1, Store = store }).AddTrial(new Dictionary<string, object?> { ["x0"] = 2.0, ["x1"] = 3.0 }, 1);
        store.CreateTrial(recorded with { Params = [8.0, 7.0], Values = [double.NegativeInfinity] });
        var source = new Study(new RandomOptimizer(Plane), new StudyOptions { Seed = 1, Store = store }).GetResult();
        var start = WarmStart.Of(new CmaEsOptions { WarmStartFrom = source, WarmStartTopShare = 1 }, Plane, new CmaCoordinates(Plane))!;
        Assert.Equal(2, source.Trials.Count);
        Assert.Equal([0.2, 0.3], start.Mean);
    }

    [Fact]
    public void AnInactiveParameterOfTheSourceTrialsStartsAtTheCentre()
    {
        // gamma is inactive in both source trials (kernel = linear): its coordinate is 0.5, x's the mean of 0.2 and 0.4.
        SearchSpace space = [new ChoiceHP("kernel", "linear", "rbf"), new LogRangeHP("gamma", 1e-3, 1e1) { ActiveWhen = new HPCondition("kernel", "rbf") }, new RangeHP("x", 0, 10)];
        var study = new Study(new RandomOptimizer(space), new StudyOptions { Seed = 1 });
        study.AddTrial(new Dictionary<string, object?> { ["kernel"] = "linear", ["x"] = 2.0 }, 1);
        study.AddTrial(new Dictionary<string, object?> { ["kernel"] = "linear", ["x"] = 4.0 }, 2);
        var start = WarmStart.Of(new CmaEsOptions { WarmStartFrom = study.GetResult(), WarmStartTopShare = 1 }, space, new CmaCoordinates(space))!;
        Assert.Equal(0.5, start.Mean[0]);
        Assert.Equal(0.3, start.Mean[1], 15);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheFirstRunStartsFromTheWarmStart(bool separable)
    {
        var start = Fit(0.3, Direction.Minimize, separable);
        var setup = new CmaEsSetup(new CmaCoordinates(Plane), new CmaEsOptions { Separable = separable }, 1, 6, new TrialHistory([], [Direction.Minimize]), start);
        var gaussian = new CmaEsState(setup).Run.Gaussian!;
        Assert.Equal(start.Mean, gaussian.Mean);
        Assert.NotSame(start.Mean, gaussian.Mean);
        Assert.Equal(start.Sigma, gaussian.Sigma);
        Assert.Equal(start.Covariance![0], gaussian.Variance(0));
        Assert.Equal(start.Covariance[separable ? 1 : 3], gaussian.Variance(1));
    }

    [Fact]
    public void ParametersAreMatchedByNameNotByPlace()
    {
        // The same trials in a study that declared x1 before x0 give the same start.
        SearchSpace swapped = [new RangeHP("x1", 0, 10), new RangeHP("x0", 0, 10)];
        var (expected, actual) = (Fit(0.3, Direction.Minimize), WarmStart.Of(new CmaEsOptions { WarmStartFrom = Source(swapped, Direction.Minimize), WarmStartTopShare = 0.3 }, Plane, new CmaCoordinates(Plane))!);
        Assert.Equal(expected.Mean, actual.Mean);
        Assert.Equal(expected.Sigma, actual.Sigma);
        Assert.Equal(expected.Covariance, actual.Covariance);
    }

    [Fact]
    public void OnlyTheFirstRunIsWarmStarted()
    {
        // On a constant objective each run ends after its third generation (6, then 12 trials a generation): the first
        // run samples elsewhere than without warm start, and every later run exactly as without it.
        var space = TestFunctions.Box(2, 0, 1);
        var earlier = new Study(new RandomOptimizer(space), new StudyOptions { Seed = 1 });
        for (var i = 0; i < 10; i++)
        {
            earlier.AddTrial(new Dictionary<string, object?> { ["x0"] = 0.8 + (0.01 * i), ["x1"] = 0.2 }, i);
        }

        IEnumerable<(long Run, double[] Sample)> Samples(CmaEsOptions options) =>
            new Study(new CmaEsOptimizer(space, options), new StudyOptions { Seed = 3, MaxEvaluations = 54 }).Optimize((_, _) => 1.0).Trials
                .Select(t => ((long)t.SystemAttributes[CmaEsOptimizer.RestartAttribute], CmaEsSetup.SampleOf(t)));

        var warm = Samples(new CmaEsOptions { WarmStartFrom = earlier.GetResult() }).ToArray();
        var cold = Samples(new CmaEsOptions()).ToArray();
        Assert.Equal(Enumerable.Repeat(0L, 18).Concat(Enumerable.Repeat(1L, 36)), warm.Select(s => s.Run));
        Assert.All(warm.Zip(cold).Take(18), pair => Assert.NotEqual(pair.First.Sample, pair.Second.Sample));
        Assert.Equal(cold.Skip(18), warm.Skip(18));
        Assert.True(warm.Take(6).Average(s => s.Sample[0]) > 0.7, "the first generation is sampled around the source's best trials");
    }

    [Fact]
    public void AWarmStartFromASimilarStudyFindsBetterConfigurationsOnASmallBudget()
    {
        // Source: 200 evaluations of a 5-D sphere on [-5, 5]⁵. Target: the same sphere shifted by 0.4 in every
        // coordinate (a regret of 0.8 at the source's optimum), 40 evaluations, 9 seeds. Measured medians: 0.44 with
        // warm start, 2.1 without (random search: 10).
        const int n = 5;
        double[] sourceOptimum = [1.5, -1.8, 2.1, -1.4, 2.7];
        double[] targetOptimum = [.. sourceOptimum.Select(v => v + 0.4)];
        var space = TestFunctions.Box(n, -5, 5);
        double Regret(HyperParameters hps, double[] optimum) => TestFunctions.Sphere([.. TestFunctions.Point(hps, n).Select((x, i) => x - optimum[i])]);

        var source = new Study(new CmaEsOptimizer(space), new StudyOptions { Seed = 100, MaxEvaluations = 200 }).Optimize((hps, _) => Regret(hps, sourceOptimum));
        double Median(CmaEsOptions options) => Enumerable.Range(0, 9)
            .Select(seed => new Study(new CmaEsOptimizer(space, options), new StudyOptions { Seed = (ulong)seed, MaxEvaluations = 40 })
                .Optimize((hps, _) => Regret(hps, targetOptimum)).BestValue)
            .Order().ElementAt(4);

        var (warm, cold) = (Median(new CmaEsOptions { WarmStartFrom = source }), Median(new CmaEsOptions()));
        Assert.True(warm < 0.4 * cold, $"warm {warm} vs cold {cold}");
        Assert.True(warm < 0.8, $"warm {warm} is no better than the source's optimum");
    }

    [Fact]
    public void AWarmStartedStudyIsReproducibleFromItsSeed()
    {
        var options = new CmaEsOptions { WarmStartFrom = Source(Plane, Direction.Minimize), WarmStartTopShare = 0.3 };
        double[][] Params(CmaEsOptions o) => [.. new Study(new CmaEsOptimizer(Plane, o), new StudyOptions { Seed = 5, MaxEvaluations = 30 })
            .Optimize((hps, _) => TestFunctions.Sphere(TestFunctions.Point(hps, 2))).Trials.Select(t => t.Params.ToArray())];

        Assert.Equal(Params(options), Params(options));
        Assert.NotEqual(Params(new CmaEsOptions()), Params(options));
    }

    [Fact]
    public void IntegerCategoricalAndConditionalParametersStayValid()
    {
        var space = TestSpaces.Rich();
        var source = new Study(new RandomOptimizer(space), new StudyOptions { Seed = 6, MaxEvaluations = 60 }).Optimize((hps, _) => TestSpaces.RichObjective(hps));
        var result = new Study(new CmaEsOptimizer(space, new CmaEsOptions { WarmStartFrom = source, WarmStartTopShare = 0.2 }), new StudyOptions { Seed = 6, MaxEvaluations = 60 })
            .Optimize((hps, _) => TestSpaces.RichObjective(hps));

        Assert.All(result.Trials, t =>
        {
            Assert.Equal(TrialState.Complete, t.State);
            space.Validate(t.Params.AsSpan());
            Assert.InRange(result.HyperParametersOf(t).GetInt("units"), 1, 9);
        });
    }

    [Fact]
    public void ASpaceOfChoicesOnlyHasNothingToWarmStart()
    {
        SearchSpace space = [new ChoiceHP("a", 1, 2, 3), new ChoiceHP("b", "x", "y")];
        var earlier = new Study(new RandomOptimizer(space), new StudyOptions { Seed = 1 });
        earlier.AddTrial(new Dictionary<string, object?> { ["a"] = 3, ["b"] = "y" }, 1);
        double[][] Params(CmaEsOptions o) => [.. new Study(new CmaEsOptimizer(space, o), new StudyOptions { Seed = 8, MaxEvaluations = 20 })
            .Optimize((hps, _) => hps.GetInt("a")).Trials.Select(t => t.Params.ToArray())];

        var options = new CmaEsOptions { WarmStartFrom = earlier.GetResult() };
        Assert.Null(WarmStart.Of(options, space, new CmaCoordinates(space)));
        Assert.Equal(Params(new CmaEsOptions()), Params(options));
    }

    [Fact]
    public void WarmStartOptionsOutOfRangeAreRefusedByName()
    {
        static string Refusal(CmaEsOptions options) => Assert.Throws<ArgumentOutOfRangeException>(options.Validate).Message;
        Assert.Contains("CmaEsOptions.WarmStartTopShare is 0; expected a number in (0, 1]", Refusal(new() { WarmStartTopShare = 0 }));
        Assert.Contains("CmaEsOptions.WarmStartTopShare is 1.5; expected a number in (0, 1]", Refusal(new() { WarmStartTopShare = 1.5 }));
        Assert.Contains("CmaEsOptions.WarmStartTopShare is NaN; expected a number in (0, 1]", Refusal(new() { WarmStartTopShare = double.NaN }));
        Assert.Contains("CmaEsOptions.WarmStartSpread is 0; expected a number in (0, 1]", Refusal(new() { WarmStartSpread = 0 }));
        Assert.Contains("CmaEsOptions.WarmStartSpread is -0.1; expected a number in (0, 1]", Refusal(new() { WarmStartSpread = -0.1 }));
        Assert.Equal(1, new CmaEsOptimizer(Plane, new CmaEsOptions { WarmStartFrom = Source(Plane, Direction.Minimize), WarmStartTopShare = 1 }).Options.WarmStartTopShare);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(1e200)]
    [InlineData(double.PositiveInfinity)]
    public void AWarmStartSpreadBeyondTheWholeRangeIsRefusedByName(double spread)
    {
        // A spread of 1e200 once reached the fit, whose α² overflowed into a covariance that could not be factored.
        CmaEsOptions Options(double value) => new() { WarmStartFrom = Source(Plane, Direction.Minimize), WarmStartSpread = value };
        var refusal = Assert.Throws<ArgumentOutOfRangeException>(() => new CmaEsOptimizer(Plane, Options(spread)));
        Assert.Contains(FormattableString.Invariant($"CmaEsOptions.WarmStartSpread is {spread}; expected a number in (0, 1]"), refusal.Message);
        Assert.Equal(1, new CmaEsOptimizer(Plane, Options(1)).Options.WarmStartSpread);
    }

    [Theory]
    [InlineData("x", 1, "Parameter 'x': value '12' (Double) is not valid; expected a number in [0, 10].")]
    [InlineData("n", 1, "Parameter 'n': value '7' (Int32) is not valid; expected a number in [1, 5] on the step 1 from 1.")]
    [InlineData("extra", 0, "'extra' is not a parameter of this search space; its parameters are x, n, opt.")]
    [InlineData("opt", 0, "Parameter 'opt' is active here but has no value.")]
    public void ASourceTrialThatDoesNotFitIsRefusedByNumberAndParameter(string parameter, int trial, string reason)
    {
        // The earlier study's space differs from this one (x ∈ [0, 10], n ∈ {1, …, 5}, opt ∈ {a, b, c}): its x and n have
        // wider ranges, and it has an extra parameter or lacks opt. Its trial 0 fits unless the parameters differ; trial 1
        // holds x = 12 or n = 7.
        List<HPSpace> earlierSpace = [new RangeHP("x", 0, 20), new IntRangeHP("n", 1, 9)];
        earlierSpace.AddRange(parameter switch { "opt" => [], "extra" => [new ChoiceHP("opt", "a", "b", "c"), new RangeHP("extra", 0, 2)], _ => [new ChoiceHP("opt", "a", "b", "c")] });
        var earlier = new Study(new RandomOptimizer(new SearchSpace(earlierSpace)), new StudyOptions { Seed = 1 });
        Dictionary<string, object?> good = new() { ["x"] = 5.0, ["n"] = 3, ["opt"] = "a", ["extra"] = 1.0 };
        Dictionary<string, object?> bad = new(good) { ["x"] = parameter == "x" ? 12.0 : 5.0, ["n"] = parameter == "n" ? 7 : 3 };
        earlier.AddTrial(Known(good, earlierSpace), 1);
        earlier.AddTrial(Known(bad, earlierSpace), 2);

        Assert.Equal($"CmaEsOptions.WarmStartFrom has trial {trial}, which does not fit this search space: {reason} (Parameter 'WarmStartFrom')", RefusalOf(earlier.GetResult()));
    }

    [Fact]
    public void SourceStudiesOfAnotherKindAreRefused()
    {
        const string Suffix = " (Parameter 'WarmStartFrom')";
        var twoObjectives = new Study(new RandomOptimizer(Target), new StudyOptions { Seed = 1, Directions = [Direction.Minimize, Direction.Maximize] });
        twoObjectives.AddTrial(new Dictionary<string, object?> { ["x"] = 5.0, ["n"] = 3, ["opt"] = "a" }, [1.0, 2.0]);
        Assert.Equal("CmaEsOptions.WarmStartFrom is a study of 2 objectives; expected a single-objective study." + Suffix, RefusalOf(twoObjectives.GetResult()));

        var failedOnly = new Study(new RandomOptimizer(Target), new StudyOptions { Seed = 1 });
        failedOnly.Tell(failedOnly.Ask().Number, TrialState.Failed, "boom");
        Assert.Equal("CmaEsOptions.WarmStartFrom has no complete trial with a finite value among its 1; expected at least one, or null for no warm start." + Suffix, RefusalOf(failedOnly.GetResult()));
        Assert.Equal("CmaEsOptions.WarmStartFrom has no complete trial with a finite value among its 0; expected at least one, or null for no warm start." + Suffix, RefusalOf(new Study(new RandomOptimizer(Target)).GetResult()));
    }

    private static SearchSpace Target => [new RangeHP("x", 0, 10), new IntRangeHP("n", 1, 5), new ChoiceHP("opt", "a", "b", "c")];

    /// <summary><see cref="Points"/> as a finished study over <paramref name="space"/> (two real parameters x0, x1) in <paramref name="direction"/>.</summary>
    private static StudyResult Source(SearchSpace space, Direction direction)
    {
        var study = new Study(new RandomOptimizer(space), new StudyOptions { Seed = 1, Direction = direction });
        foreach (var (value, x, y) in Points)
        {
            var configuration = new Dictionary<string, object?> { ["x0"] = x, ["x1"] = y };
            if (double.IsNaN(value))
            {
                study.Enqueue(configuration);
                var trial = study.Ask();
                study.Tell(trial.Number, trial.Number == 2 ? TrialState.Failed : TrialState.Pruned);
            }
            else
            {
                study.AddTrial(configuration, value);
            }
        }

        return study.GetResult();
    }

    private static GaussianStart Fit(double share, Direction direction, bool separable = false) =>
        WarmStart.Of(new CmaEsOptions { WarmStartFrom = Source(Plane, direction), WarmStartTopShare = share, Separable = separable }, Plane, new CmaCoordinates(Plane))!;

    /// <summary><paramref name="configuration"/> without the parameters <paramref name="space"/> does not have.</summary>
    private static Dictionary<string, object?> Known(Dictionary<string, object?> configuration, List<HPSpace> space) =>
        configuration.Where(kv => space.Any(p => p.Name == kv.Key)).ToDictionary();

    /// <summary>The message with which a cmaes optimizer over <see cref="Target"/> refuses <paramref name="source"/>.</summary>
    private static string RefusalOf(StudyResult source) =>
        Assert.Throws<ArgumentException>(() => new CmaEsOptimizer(Target, new CmaEsOptions { WarmStartFrom = source })).Message;

    private static void AssertMatrix(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 12));
    }
}
