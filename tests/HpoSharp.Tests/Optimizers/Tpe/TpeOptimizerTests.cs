using System.Collections.Immutable;
using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.Tpe;

public sealed class TpeOptimizerTests
{
    public static TheoryData<bool> Modes() => [true, false];

    [Theory]
    [MemberData(nameof(Modes))]
    public void SuggestionsConcentrateNearTheOptimumOfAOneDimensionalProblem(bool multivariate)
    {
        var near = OneDimensionalProbe.NearFraction(space => new TpeOptimizer(space, new TpeOptions { Multivariate = multivariate }), seed: 4);

        // Uniform draws would land within 0.5 of the optimum one time in ten.
        Assert.True(near >= 0.6, $"only {near:P0} of the last 30 suggestions are within 0.5 of the optimum");
    }

    [Fact]
    public void SixHundredIntegerParametersAreModelledLikeAFew()
    {
        // Σ x_i over 600 integers in [0, 9]: random configurations sum to 2,700 ± 70; every parameter's small pull
        // towards the good trials' values adds up. Beyond 512 discrete dimensions the model keeps its cells on the heap,
        // so this checks that path's model; the stack overflow it avoids would need tens of thousands of dimensions.
        SearchSpace space = [.. Enumerable.Range(0, 600).Select(i => (HPSpace)new IntRangeHP($"n{i}", 0, 9))];
        var result = new Study(new TpeOptimizer(space), new StudyOptions { Seed = 2, MaxEvaluations = 45 })
            .Optimize(c => Enumerable.Range(0, 600).Sum(i => c.HyperParameters.GetInt($"n{i}")));

        var (startup, last) = (result.Trials.Take(10).Average(t => t.Value), result.Trials.TakeLast(15).Average(t => t.Value));
        Assert.True(last < startup - 100, $"mean of the random start {startup}, of the last 15 trials {last}");
    }

    [Fact]
    public void TheDensityRatioPrefersTheGoodRegion()
    {
        var dimension = new KernelDimension(Dimension.Real("x", -5, 5), 0);
        var history = History([.. Enumerable.Range(0, 40).Select(i => -5 + (0.25 * i))], x => Math.Abs(x - 2));
        var observations = new TpeObservations([dimension]);
        observations.Refresh(history);
        var options = new TpeOptions();
        var (goodSide, badSide) = new TpeSplit(observations, options).Split([0]) ?? throw new InvalidOperationException("no split");
        var good = new ParzenEstimator();
        var bad = new ParzenEstimator();
        good.Fit([dimension], goodSide, options);
        bad.Fit([dimension], badSide, options);

        double[] points = [2.0, 1.6, -3.0, 4.5];
        var logGood = new double[4];
        var logBad = new double[4];
        good.LogPdf(points, 4, logGood);
        bad.LogPdf(points, 4, logBad);

        Assert.Equal(4, goodSide.Count);
        Assert.True(logGood[0] - logBad[0] > logGood[2] - logBad[2] + 2, "the ratio at the optimum should beat a bad region by a wide margin");
        Assert.True(logGood[1] - logBad[1] > logGood[3] - logBad[3] + 2);
    }

    [Fact]
    public void GoodTrialsWeighTheirImprovementOnTheBestBadTrialAndThePriorTheirMeanTimesThePriorWeight()
    {
        // Minimised values by trial number; with γ = 0.3 the good trials are #3 (0.5), #1 (1) and #5 (2.5), and the best
        // bad one is #4 (3).
        double[] values = [5, 1, 4, 0.5, 3, 2.5, 6, 7, 8, 9];
        var (goodSide, badSide) = SplitOf(values, new TpeOptions { GammaFactor = 0.3 });

        Assert.Equal([1, 3, 5], goodSide.Numbers.ToArray());
        Assert.Equal([2.0, 2.5, 0.5], goodSide.Weights.ToArray());
        Assert.Equal(0.5 * 5.0 / 3, goodSide.PriorWeight, 12);
        Assert.Equal([0, 2, 4, 6, 7, 8, 9], badSide.Numbers.ToArray());
        Assert.All(badSide.Weights.ToArray(), w => Assert.Equal(1.0, w));
        Assert.Equal(0.5, badSide.PriorWeight);
    }

    [Fact]
    public void TheOldestBadTrialsBeyondTheNewest25WeighLess()
    {
        // Values rise with the trial number: trials 0 to 3 are good, the 36 others bad, the oldest 11 of them on the ramp.
        var (_, badSide) = SplitOf([.. Enumerable.Range(0, 40).Select(i => i * 0.25)], new TpeOptions());

        Assert.Equal(Enumerable.Range(4, 36), badSide.Numbers.ToArray());
        var expected = Enumerable.Range(0, 36).Select(i => i < 11 ? (1.0 / 36) + (i * (35.0 / 36) / 10) : 1.0);
        Assert.Equal(expected, badSide.Weights.ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Theory]
    [InlineData(1e-13)]
    [InlineData(1e-200)]
    [InlineData(1e200)]
    public void ImprovementWeightsDoNotDependOnTheUnitsOfTheObjective(double unit)
    {
        // The same trials with their values in other units: the good trials' shares of the good density must not change.
        double[] values = [5, 1, 4, 0.5, 3, 2.5, 6, 7, 8, 9];

        Assert.Equal(GoodShares(values, 1), GoodShares(values, unit), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void ImprovementWeightsOfValuesSpanningTheWholeRangeOfDoublesAreThoseOfTheirUnitValues()
    {
        // The best good trial (-1.5e308) improves on the best bad one (3e307) by 1.8e308, more than a double holds.
        double[] values = [15, -15, 4, -14, 3, 2.5, 6, 7, 8, 9];

        Assert.Equal(GoodShares(values, 1), GoodShares(values, 1e307), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void WithoutImprovementWeightsGoodTrialsWeighTheSameAndThePriorThePriorWeight()
    {
        double[] values = [5, 1, 4, 0.5, 3, 2.5, 6, 7, 8, 9];
        var (goodSide, _) = SplitOf(values, new TpeOptions { GammaFactor = 0.3, ImprovementWeights = false, PriorWeight = 0.7 });

        Assert.Equal([1.0, 1.0, 1.0], goodSide.Weights.ToArray());
        Assert.Equal(0.7, goodSide.PriorWeight);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ABetterChoiceIsPickedMoreOften(bool multivariate)
    {
        double[] cost = [1.0, 0.0, 0.6, 1.5];
        SearchSpace space = [new ChoiceHP("c", "a", "b", "c", "d"), new RangeHP("x", 0, 1)];
        var study = new Study(new TpeOptimizer(space, new TpeOptions { Multivariate = multivariate }), new StudyOptions { Seed = 9 });
        var picks = new int[4];
        for (var i = 0; i < 70; i++)
        {
            var trial = study.Ask();
            var choice = "abcd".IndexOf(trial.HyperParameters.Get<string>("c")[0]);
            study.Tell(trial.Number, cost[choice] + Math.Abs(trial.HyperParameters.GetDouble("x") - 0.5));
            if (i >= 20)
            {
                picks[choice]++;
            }
        }

        // Uniform draws would pick each choice about 12 times in 50.
        Assert.True(picks[1] > 25, $"the best choice was picked {picks[1]} times in 50 (picks {string.Join(", ", picks)})");
        Assert.True(picks[1] > 2 * new[] { picks[0], picks[2], picks[3] }.Max(), $"picks {string.Join(", ", picks)} do not favour the best choice");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void AnInactiveParameterNeverInfluencesItsSiblingsModels(bool multivariate)
    {
        SearchSpace space =
        [
            new RangeHP("x", 0, 1),
            new ChoiceHP("c", "a", "b"),
            new RangeHP("y", 0, 1) { ActiveWhen = new HPCondition("c", "a") },
            new IntRangeHP("z", 1, 9) { ActiveWhen = new HPCondition("c", "b") },
        ];

        // Two histories that differ only in the values of y, the parameter of branch a.
        Trial NextSuggestion(double yShift)
        {
            var study = new Study(new TpeOptimizer(space, new TpeOptions { Multivariate = multivariate }), new StudyOptions { Seed = 21 });
            var rng = new RandomStream(5);
            for (var i = 0; i < 30; i++)
            {
                var x = rng.NextDouble();
                var branchA = rng.NextDouble() < 0.5;
                var z = 1 + rng.NextInt(9);
                var y = (rng.NextDouble() + yShift) % 1.0;
                var values = new Dictionary<string, object?> { ["x"] = x, ["c"] = branchA ? "a" : "b" };
                values[branchA ? "y" : "z"] = branchA ? y : z;
                study.AddTrial(values, Math.Abs(x - 0.3) + (branchA ? 0.5 : Math.Abs(z - 4) / 10.0));
            }

            var trial = study.Ask();
            return study.Trials[trial.Number];
        }

        var first = NextSuggestion(0.0);
        var second = NextSuggestion(0.37);

        Assert.Equal(first.Params[0], second.Params[0]);
        Assert.Equal(first.Params[1], second.Params[1]);
        Assert.Equal(first.Params[3], second.Params[3]);
        Assert.Equal("b", space.Decode(first.Params.AsSpan())["c"]);
    }

    [Fact]
    public void TheConstantLiarSpreadsPendingSuggestions()
    {
        double MinimumGap(bool liar)
        {
            SearchSpace space = [new RangeHP("x", -5, 5)];
            var study = new Study(new TpeOptimizer(space, new TpeOptions { ConstantLiar = liar }), new StudyOptions { Seed = 13, MaxParallelism = 8 });
            for (var i = 0; i < 30; i++)
            {
                var trial = study.Ask();
                study.Tell(trial.Number, Math.Pow(trial.HyperParameters.GetDouble("x") - 1, 2));
            }

            var pending = Enumerable.Range(0, 8).Select(w => study.Ask(w).HyperParameters.GetDouble("x")).Order().ToArray();
            return pending.Zip(pending.Skip(1), (a, b) => b - a).Min();
        }

        var with = MinimumGap(liar: true);
        var without = MinimumGap(liar: false);

        Assert.True(with > 2 * without, $"the smallest gap between 8 pending suggestions is {with:G3} with the liar and {without:G3} without");
    }

    [Fact]
    public void SuggestionsAreRandomUntilTheStartupTrialsHaveFinished()
    {
        // Trials spread evenly over [0, 1], the best at 0.45 and 0.55; pending suggestions (without the liar) show where
        // the sampler draws from.
        double NearFraction(int trials)
        {
            SearchSpace space = [new RangeHP("x", 0, 1)];
            var options = new TpeOptions { StartupTrials = 10, ConstantLiar = false, GammaFactor = 0.2 };
            var study = new Study(new TpeOptimizer(space, options), new StudyOptions { Seed = 3 });
            for (var i = 0; i < trials; i++)
            {
                var x = 0.05 + (0.1 * ((i * 3) % 10));
                study.AddTrial(new Dictionary<string, object?> { ["x"] = x }, Math.Abs(x - 0.5));
            }

            var xs = Enumerable.Range(0, 100).Select(_ => study.Ask().HyperParameters.GetDouble("x")).ToArray();
            return xs.Count(x => Math.Abs(x - 0.5) < 0.1) / 100.0;
        }

        // Uniform draws land within 0.1 of 0.5 one time in five.
        Assert.InRange(NearFraction(9), 0.1, 0.3);
        Assert.InRange(NearFraction(10), 0.6, 1.0);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ASeededStudyWithOneWorkerIsReproducible(bool multivariate)
    {
        double[][] Run()
        {
            var optimizer = new TpeOptimizer(TestSpaces.Rich(), new TpeOptions { Multivariate = multivariate, StartupTrials = 5 });
            var result = new Study(optimizer, new StudyOptions { Seed = 77, MaxEvaluations = 30 }).Optimize(c => TestSpaces.RichObjective(c.HyperParameters));
            return [.. result.Trials.Select(t => t.Params.ToArray())];
        }

        Assert.Equal(Run(), Run());
    }

    [Theory]
    [InlineData(Direction.Minimize, new[] { 5, 1, 4, 2, 0 })]
    [InlineData(Direction.Maximize, new[] { 1, 5, 2, 4, 0 })]
    public void PrunedTrialsRankAfterCompleteOnesByTheirLastStepThenValue(Direction direction, int[] ranked)
    {
        var dimension = new KernelDimension(Dimension.Real("x", 0, 1), 0);
        Trial Make(int number, TrialState state, double value, params (long Step, double Value)[] steps) => new()
        {
            Number = number,
            State = state,
            Params = [0.5],
            Values = state == TrialState.Complete ? [value] : [],
            IntermediateValues = steps.ToImmutableSortedDictionary(s => s.Step, s => s.Value),
        };

        var history = new TrialHistory(
        [
            Make(0, TrialState.Pruned, 0, (1, 0.1)),
            Make(1, TrialState.Complete, 3.0),
            Make(2, TrialState.Pruned, 0, (1, 0.5), (4, 0.9)),
            Make(3, TrialState.Failed, 0),
            Make(4, TrialState.Pruned, 0, (4, 0.2)),
            Make(5, TrialState.Complete, 2.0),
            Make(6, TrialState.Running, 0),
        ], [direction]);
        var observations = new TpeObservations([dimension]);
        observations.Refresh(history);

        Assert.Equal(ranked, observations.Ranked.ToArray());
        Assert.Equal([6], observations.Pending);
    }

    [Fact]
    public void ObservationsOfSomeDimensionsReadEachFromItsPlaceInTheSpace()
    {
        var second = new KernelDimension(Dimension.Real("y", 0, 10), index: 1);
        var history = new TrialHistory(
            [.. Enumerable.Range(0, 3).Select(i => new Trial { Number = i, State = TrialState.Complete, Params = [0.5, i + 7.0], Values = [i] })],
            [Direction.Minimize]);
        var observations = new TpeObservations([second]);
        observations.Refresh(history);

        Assert.Equal([7.0, 8.0, 9.0], Enumerable.Range(0, 3).Select(i => observations.Value(i, 0)));
        Assert.Equal([0, 1, 2], observations.ByValue(0).ToArray());
    }

    [Fact]
    public void OptionsOutOfRangeAreRefusedByName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HpoRegistry.Build("tpe", TestSpaces.Rich(), options: new TpeOptions { GammaFactor = -0.1 }));
        Assert.Contains("TpeOptions.GammaFactor is -0.1", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpeOptimizer(TestSpaces.Rich(), new TpeOptions { Candidates = 0 }));
        Assert.Contains("CategoricalSmoothing", Assert.Throws<ArgumentOutOfRangeException>(() => new TpeOptions { CategoricalSmoothing = 1.5 }.Validate()).Message);
    }

    /// <summary>The good and bad sides of a history whose trials have <paramref name="values"/> both as x and as value.</summary>
    private static (ParzenObservations Good, ParzenObservations Bad) SplitOf(double[] values, TpeOptions options)
    {
        var observations = new TpeObservations([new KernelDimension(Dimension.Real("x", 0, 10), 0)]);
        observations.Refresh(History(values, x => x));
        return new TpeSplit(observations, options).Split([0]) ?? throw new InvalidOperationException("no split");
    }

    /// <summary>
    /// The shares of the good density (each good trial's, then the prior's) when trial i, at x = i, has value
    /// <paramref name="values"/>[i] times <paramref name="scale"/>, with γ = 0.3.
    /// </summary>
    private static double[] GoodShares(double[] values, double scale)
    {
        var observations = new TpeObservations([new KernelDimension(Dimension.Real("x", 0, 10), 0)]);
        observations.Refresh(new TrialHistory(
            [.. values.Select((v, i) => new Trial { Number = i, State = TrialState.Complete, Params = [i], Values = [v * scale] })],
            [Direction.Minimize]));
        var (good, _) = new TpeSplit(observations, new TpeOptions { GammaFactor = 0.3 }).Split([0]) ?? throw new InvalidOperationException("no split");
        var total = good.PriorWeight + good.Weights.ToArray().Sum();
        return [.. good.Weights.ToArray().Select(w => w / total), good.PriorWeight / total];
    }

    /// <summary>A minimised single-objective history of complete trials over one real dimension.</summary>
    private static TrialHistory History(double[] xs, Func<double, double> f) =>
        new([.. xs.Select((x, i) => new Trial { Number = i, State = TrialState.Complete, Params = [x], Values = [f(x)] })], [Direction.Minimize]);
}
