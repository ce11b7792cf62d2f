using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers;

/// <summary>
/// The conformance kit: every algorithm registered by name must pass it, and so must the option sets of
/// <see cref="Variants"/>. It checks that only valid values come out
/// (bounds, integers, steps, choices, active parameters only), that a seeded study is deterministic, and that a fresh
/// instance given the same history suggests the same next configuration.
/// </summary>
public sealed class ConformanceTests
{
    static ConformanceTests() => CustomOptimizer.Register();

    /// <summary>Option sets the kit checks besides every algorithm's defaults, by label: the algorithm's name and its options.</summary>
    private static readonly Dictionary<string, (string Name, OptimizerOptions Options)> Variants = new()
    {
        ["cmaes (separable)"] = ("cmaes", new CmaEsOptions { Separable = true }),
        ["cmaes (adapted learning rates)"] = ("cmaes", new CmaEsOptions { LearningRateAdaptation = true, Elitist = false }),
        ["cmaes (separable, adapted learning rates)"] = ("cmaes", new CmaEsOptions { Separable = true, LearningRateAdaptation = true }),
        ["tpe (independent, no liar)"] = ("tpe", new TpeOptions { Multivariate = false, ConstantLiar = false }),
    };

    /// <summary>The values of <see cref="TestSpaces.Rich"/>'s stepped dropout, as a user types them.</summary>
    private static readonly double[] SteppedDropouts = [0, 0.1, 0.2, 0.3, 0.4, 0.5];

    public static TheoryData<string> Algorithms() => [.. HpoRegistry.Names, .. Variants.Keys];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SuggestsOnlyValidValues(string algorithm)
    {
        var space = TestSpaces.Rich();
        var study = new Study(Build(algorithm, space), new StudyOptions { Seed = 1, MaxEvaluations = 60 });
        var result = study.Optimize(c => TestSpaces.RichObjective(c.HyperParameters));

        Assert.Equal(60, result.Trials.Count(t => t.State == TrialState.Complete));
        foreach (var trial in result.Trials)
        {
            space.Validate(trial.Params.AsSpan());
            var hps = result.HyperParametersOf(trial);
            Assert.IsType<double>(hps["x"]);
            Assert.InRange(hps.GetDouble("lr"), 1e-5, 1e-1);
            Assert.InRange(hps.GetInt("batch"), 16, 512);
            Assert.Equal(0, hps.GetInt("epochs") % 10);
            Assert.Contains(hps.GetDouble("dropout"), SteppedDropouts);
            Assert.Equal(hps.Get<TestSpaces.Kernel>("kernel") == TestSpaces.Kernel.Poly, hps.ContainsKey("degree"));
            Assert.Equal(hps.Get<TestSpaces.Kernel>("kernel") != TestSpaces.Kernel.Linear, hps.ContainsKey("gamma"));
            Assert.Equal(hps.GetInt("num_layers"), hps.Get<int[]>("widths").Length);
            Assert.Equal(7, hps["seed"]);
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void IsDeterministicWithASeedAndOneWorker(string algorithm)
    {
        StudyResult Run() => Build(algorithm, TestSpaces.Rich(), Objective.Create(c => TestSpaces.RichObjective(c.HyperParameters)))
            .Optimize(options: new StudyOptions { Seed = 99, MaxEvaluations = 40 });

        var (first, second) = (Run(), Run());
        Assert.Equal(first.Trials.Select(t => t.Params.ToArray()), second.Trials.Select(t => t.Params.ToArray()));
        Assert.Equal(first.Trials.Select(t => t.Value), second.Trials.Select(t => t.Value));
        AssertBredWhenMoCmaEs(algorithm, first.Trials);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void AFreshInstanceGivenTheSameHistorySuggestsTheSame(string algorithm)
    {
        var (original, fresh) = NextTrialsOfAStudyAndOfAFreshCopy(
            space => Build(algorithm, space),
            new StudyOptions { Seed = 5, MaxParallelism = 4 },
            asks: 45,
            hps => [TestSpaces.RichObjective(hps)]);

        Assert.Equal(original.Params.ToArray(), fresh.Params.ToArray());
        AssertBredWhenMoCmaEs(algorithm, [original]);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void RunsWithFourWorkersAndFailingTrials(string algorithm)
    {
        var result = Build(algorithm, TestSpaces.Rich(), Objective.Create(c =>
            c.Number % 5 == 2 ? throw new InvalidOperationException("boom") : TestSpaces.RichObjective(c.HyperParameters)))
            .Optimize(options: new StudyOptions { Seed = 3, MaxEvaluations = 40, MaxParallelism = 4 });

        Assert.Equal(40, result.Trials.Count);
        Assert.Equal(8, result.Trials.Count(t => t.State == TrialState.Failed));
        Assert.All(result.Trials.Where(t => t.State == TrialState.Failed), t => Assert.Contains("boom", t.Error));
        Assert.Equal(result.Trials.Where(t => t.State == TrialState.Complete).Min(t => t.Value), result.BestValue);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void RunsMultiObjectiveStudiesOrRefusesThemAtOnce(string algorithm)
    {
        var optimizer = Build(algorithm, TestSpaces.Rich());
        var options = new StudyOptions { Seed = 2, MaxEvaluations = 60, Directions = [Direction.Minimize, Direction.Maximize] };
        if (!optimizer.SupportsMultiObjective)
        {
            var error = Assert.Throws<NotSupportedException>(() => new Study(optimizer, options));
            Assert.Contains("single objective", error.Message);
            return;
        }

        var result = new Study(optimizer, options).Optimize(Objective.Create(c => new[] { TestSpaces.RichObjective(c.HyperParameters), c.HyperParameters.GetDouble("x") }));
        var complete = result.Trials.Where(t => t.State == TrialState.Complete).ToArray();
        Assert.Equal(60, complete.Length);
        // The front of the complete trials, higher is better: the first value minimised, the second maximised.
        var front = Pareto.FirstFront([.. complete.Select(t => new[] { -t.Values[0], t.Values[1] })]);
        Assert.Equal(front.Select(i => complete[i].Number), result.ParetoFront.Select(t => t.Number));
        Assert.Null(result.BestTrial);
        AssertBredWhenMoCmaEs(algorithm, result.Trials);
    }

    /// <summary>
    /// Plays a study of <see cref="TestSpaces.Rich"/> by ask and tell for <paramref name="asks"/> suggestions to four
    /// workers in turn (every seventh fails, the last three stay running), then gives a copy of its trials to a fresh
    /// study with the same options; returns the next trial of each, both suggested to worker 2.
    /// </summary>
    internal static (Trial Original, Trial Fresh) NextTrialsOfAStudyAndOfAFreshCopy(
        Func<SearchSpace, BaseHPOptimizer> build, StudyOptions options, int asks, Func<HyperParameters, double[]> objective)
    {
        var space = TestSpaces.Rich();
        var original = new Study(build(space), options);
        for (var i = 0; i < asks; i++)
        {
            var trial = original.Ask(worker: i % 4);
            if (i % 7 == 3)
            {
                original.Tell(trial.Number, TrialState.Failed, "a failure in the history");
            }
            else if (i < asks - 3)
            {
                original.Tell(trial.Number, objective(trial.HyperParameters));
            }
        }

        var copy = new InMemoryTrialStore();
        foreach (var trial in original.Trials)
        {
            copy.CreateTrial(trial);
        }

        var fresh = new Study(build(space), options with { Store = copy });
        var (next, freshNext) = (original.Ask(worker: 2).Number, fresh.Ask(worker: 2).Number);
        return (original.Trials[next], fresh.Trials[freshNext]);
    }

    /// <summary>The optimizer registered as <paramref name="algorithm"/>, or the variant so labelled.</summary>
    private static BaseHPOptimizer Build(string algorithm, SearchSpace space, Objective? objective = null) =>
        Variants.TryGetValue(algorithm, out var variant)
            ? HpoRegistry.Build(variant.Name, space, objective, variant.Options)
            : HpoRegistry.Build(algorithm, space, objective);

    /// <summary>
    /// mocmaes breeds only once its 30 start-up points are complete: its studies in the kit are long enough that some of
    /// the <paramref name="trials"/> checked are offspring.
    /// </summary>
    private static void AssertBredWhenMoCmaEs(string algorithm, IEnumerable<Trial> trials)
    {
        if (algorithm == "mocmaes")
        {
            Assert.Contains(trials, t => (long)t.SystemAttributes[MoCmaEsOptimizer.ParentAttribute] >= 0);
        }
    }
}

/// <summary>
/// A user-defined optimizer, as the seed's "Adding Your HPOptimizer" describes: a coordinate-wise perturbation of the
/// best configuration so far, falling back to random sampling. Registered by name for the conformance kit. (This test
/// assembly sees the library's internals, so its overrides say <c>protected internal</c> where a user's say <c>protected</c>.)
/// </summary>
public sealed class CustomOptimizer(SearchSpace space) : BaseHPOptimizer(space)
{
    public const string Name = "custom-perturb";

    public int SetUpCalls { get; private set; }

    public List<(int Pid, int Number, double Perf)> Updates { get; } = [];

    public static void Register() => HpoRegistry.Register<RandomOptions>(Name, (space, _) => new CustomOptimizer(space));

    protected internal override void SetUp(int maxParallelism, TimeSpan? timeLimit, long? memoryLimit) => SetUpCalls++;

    protected internal override Suggestion? GetSuggestion(int pid)
    {
        var x = RandomOptimizer.Sample(Space, Rng);
        if (BestHp() is { } best && Rng.NextDouble() < 0.5)
        {
            var d = Rng.NextInt(x.Length);
            best.Params.CopyTo(x);
            var dimension = Space.Dimensions[d];
            if (!double.IsNaN(x[d]))
            {
                x[d] = dimension.FromUnit(dimension.ToUnit(x[d]) + (0.1 * Rng.NextGaussian()));
            }
        }

        return x;
    }

    protected internal override void UpdateTrials(int pid, Trial trial, double perf) => Updates.Add((pid, trial.Number, perf));
}
