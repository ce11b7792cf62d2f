using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Tests.Optimizers.Anneal;

public sealed class AnnealOptimizerTests
{
    [Fact]
    public void SuggestionsConcentrateNearTheOptimumOfAOneDimensionalProblem()
    {
        var near = OneDimensionalProbe.NearFraction(space => new AnnealOptimizer(space), seed: 4);

        // Uniform draws would land within 0.5 of the optimum one time in ten.
        Assert.True(near >= 0.6, $"only {near:P0} of the last 30 suggestions are within 0.5 of the optimum");
    }

    [Fact]
    public void ValuesAreDrawnFromAWindowAroundTheBestTrialThatShrinksWithTheTrials()
    {
        SearchSpace space = [new RangeHP("x", 0, 10)];
        var study = new Study(new AnnealOptimizer(space, new AnnealOptions { AverageBestIndex = 1 }), new StudyOptions { Seed = 8 });
        var rng = new RandomStream(1);
        for (var i = 0; i < 30; i++)
        {
            var x = rng.NextDouble(0, 10);
            study.AddTrial(new Dictionary<string, object?> { ["x"] = x }, Math.Abs(x - 6.5) + 1);
        }

        study.AddTrial(new Dictionary<string, object?> { ["x"] = 6.0 }, 0.0);
        var offsets = new List<double>();
        for (var trials = 31; trials < 131; trials++)
        {
            var x = study.Ask().HyperParameters.GetDouble("x");
            var halfWidth = 0.5 * 10 / (1 + (0.1 * trials));
            Assert.InRange(x, 6.0 - halfWidth, 6.0 + halfWidth);
            offsets.Add(Math.Abs(x - 6.0) / halfWidth);
        }

        // Uniform within the window: the scaled offsets average about 1/2.
        Assert.InRange(offsets.Average(), 0.4, 0.6);
    }

    [Fact]
    public void AWindowThatWouldCrossABoundIsMovedInsideIt()
    {
        SearchSpace space = [new RangeHP("x", 0, 10)];
        var study = new Study(new AnnealOptimizer(space, new AnnealOptions { AverageBestIndex = 1 }), new StudyOptions { Seed = 5 });
        for (var i = 0; i < 20; i++)
        {
            var x = 0.1 + (i * 0.45);
            study.AddTrial(new Dictionary<string, object?> { ["x"] = x }, x);
        }

        var offsets = new List<double>();
        for (var trials = 20; trials < 120; trials++)
        {
            // The window around the best trial, x = 0.1, is [0, width] rather than [0.1 - width / 2, 0.1 + width / 2].
            var width = 10 / (1 + (0.1 * trials));
            var x = study.Ask().HyperParameters.GetDouble("x");
            Assert.True(x > 0 && x <= width, $"{x} is outside (0, {width}]");
            offsets.Add(x / width);
        }

        Assert.InRange(offsets.Average(), 0.4, 0.6);
    }

    [Fact]
    public void TheBaseTrialsRankIsGeometricWithAMeanOneBelowTheAverageBestIndex()
    {
        // Three trials far apart, narrow windows: each suggestion shows the rank of its base trial.
        SearchSpace space = [new RangeHP("x", 0, 100)];
        var options = new AnnealOptions { AverageBestIndex = 3, ShrinkCoefficient = 10 };
        var study = new Study(new AnnealOptimizer(space, options), new StudyOptions { Seed = 12 });
        double[] byRank = [10, 50, 90];
        for (var rank = 0; rank < 3; rank++)
        {
            study.AddTrial(new Dictionary<string, object?> { ["x"] = byRank[rank] }, rank);
        }

        const int draws = 900;
        var counts = new int[3];
        for (var i = 0; i < draws; i++)
        {
            counts[(int)(study.Ask().HyperParameters.GetDouble("x") / (100.0 / 3))]++;
        }

        // A rank k ≥ 0 with probability (1/3)(2/3)^k; ranks beyond the last trial fall back to it.
        Assert.InRange(counts[0] / (double)draws, (1.0 / 3) - 0.05, (1.0 / 3) + 0.05);
        Assert.InRange(counts[1] / (double)draws, (2.0 / 9) - 0.05, (2.0 / 9) + 0.05);
        Assert.InRange(counts[2] / (double)draws, (4.0 / 9) - 0.05, (4.0 / 9) + 0.05);
    }

    [Fact]
    public void EveryParameterOfASuggestionIsDrawnAroundTheSameBaseTrial()
    {
        // In every trial x = y, and the ranking is unrelated to the values: x and y of one base stay within a window.
        SearchSpace space = [new RangeHP("x", 0, 10), new RangeHP("y", 0, 10)];
        var study = new Study(new AnnealOptimizer(space, new AnnealOptions { AverageBestIndex = 5 }), new StudyOptions { Seed = 2 });
        var rng = new RandomStream(4);
        for (var i = 0; i < 40; i++)
        {
            study.AddTrial(new Dictionary<string, object?> { ["x"] = i / 4.0, ["y"] = i / 4.0 }, rng.NextDouble());
        }

        for (var trials = 40; trials < 90; trials++)
        {
            var hps = study.Ask().HyperParameters;
            var width = 10 / (1 + (0.1 * trials));
            Assert.True(Math.Abs(hps.GetDouble("x") - hps.GetDouble("y")) <= width, $"x = {hps.GetDouble("x")} and y = {hps.GetDouble("y")} are more than {width} apart");
        }
    }

    [Fact]
    public void ACategoricalLeavesTheChosenTrialsChoiceLessOftenAsTrialsAccumulate()
    {
        double LeavingRate(int trials)
        {
            SearchSpace space = [new ChoiceHP("c", "a", "b", "c")];
            var left = 0;
            const int studies = 300;
            for (var seed = 0; seed < studies; seed++)
            {
                var study = new Study(new AnnealOptimizer(space, new AnnealOptions { AverageBestIndex = 1 }), new StudyOptions { Seed = (ulong)seed });
                for (var i = 0; i < trials; i++)
                {
                    study.AddTrial(new Dictionary<string, object?> { ["c"] = i == 0 ? "b" : "a" }, i == 0 ? 0 : 1);
                }

                left += study.Ask().HyperParameters.Get<string>("c") == "b" ? 0 : 1;
            }

            return left / (double)studies;
        }

        // A draw from the prior with probability 1 / (1 + 0.1 T), which leaves the choice two times in three.
        Assert.InRange(LeavingRate(4), (2.0 / 3 / 1.4) - 0.08, (2.0 / 3 / 1.4) + 0.08);
        Assert.InRange(LeavingRate(60), (2.0 / 3 / 7) - 0.05, (2.0 / 3 / 7) + 0.05);
    }

    [Fact]
    public void AChildTheChosenTrialDidNotUseIsTakenFromTheBestTrialThatUsedIt()
    {
        SearchSpace space =
        [
            new ChoiceHP("c", "a", "b"),
            new RangeHP("y", 0, 10) { ActiveWhen = new HPCondition("c", "a") },
        ];
        var study = new Study(new AnnealOptimizer(space, new AnnealOptions { AverageBestIndex = 1 }), new StudyOptions { Seed = 3 });
        study.AddTrial(new Dictionary<string, object?> { ["c"] = "b" }, 0.0);
        for (var i = 0; i < 40; i++)
        {
            study.AddTrial(new Dictionary<string, object?> { ["c"] = "a", ["y"] = i / 4.0 }, 1 + Math.Abs((i / 4.0) - 7.25));
        }

        var ys = new List<double>();
        while (ys.Count < 10)
        {
            var hps = study.Ask().HyperParameters;
            if (hps.Get<string>("c") == "a")
            {
                ys.Add(hps.GetDouble("y"));
            }
        }

        // The best trial with y is y = 7.25; windows are at most 10 / (1 + 4.1) wide.
        Assert.All(ys, y => Assert.InRange(y, 7.25 - 1, 7.25 + 1));
    }

    [Fact]
    public void OptionsOutOfRangeAreRefusedByName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HpoRegistry.Build("anneal", TestSpaces.Rich(), options: new AnnealOptions { AverageBestIndex = 0.5 }));
        Assert.Contains("AnnealOptions.AverageBestIndex is 0.5", error.Message);
        Assert.Contains("ShrinkCoefficient", Assert.Throws<ArgumentOutOfRangeException>(() => new AnnealOptimizer(TestSpaces.Rich(), new AnnealOptions { ShrinkCoefficient = -1 })).Message);
    }

    [Fact]
    public void RunningTrialsNarrowTheWindowLikeFinishedOnes()
    {
        SearchSpace space = [new RangeHP("x", 0, 10)];
        var study = new Study(new AnnealOptimizer(space, new AnnealOptions { AverageBestIndex = 1 }), new StudyOptions { Seed = 6 });
        study.AddTrial(new Dictionary<string, object?> { ["x"] = 6.0 }, 0.0);
        for (var i = 0; i < 9; i++)
        {
            study.AddTrial(new Dictionary<string, object?> { ["x"] = i / 2.0 }, 1.0);
        }

        // Nothing is told: every suggestion stays running, and counts in T for the next one.
        for (var trials = 10; trials < 90; trials++)
        {
            var x = study.Ask().HyperParameters.GetDouble("x");
            var halfWidth = 0.5 * 10 / (1 + (0.1 * trials));
            Assert.InRange(x, 6.0 - halfWidth, 6.0 + halfWidth);
        }
    }

    [Fact]
    public void AfterTTrialsTheWindowIsTheRangeOver1PlusTTimesTheCoefficient()
    {
        // Ten trials, coefficient 1: the window around the best trial, x = 50, is 100 / 11 wide, and draws fill it.
        SearchSpace space = [new RangeHP("x", 0, 100)];
        const double halfWidth = 0.5 * 100 / 11;
        var offsets = new List<double>();
        for (var seed = 0; seed < 200; seed++)
        {
            var study = new Study(new AnnealOptimizer(space, new AnnealOptions { AverageBestIndex = 1, ShrinkCoefficient = 1 }), new StudyOptions { Seed = (ulong)seed });
            for (var i = 0; i < 10; i++)
            {
                study.AddTrial(new Dictionary<string, object?> { ["x"] = i == 0 ? 50.0 : i }, i);
            }

            offsets.Add(Math.Abs(study.Ask().HyperParameters.GetDouble("x") - 50) / halfWidth);
        }

        Assert.All(offsets, o => Assert.InRange(o, 0, 1));
        // A window of 100 / 12 would keep every offset below 11 / 12.
        Assert.True(offsets.Count(o => o > 0.95) >= 3, $"{offsets.Count(o => o > 0.95)} offsets beyond 0.95");
    }

    [Fact]
    public void ACoefficientOfZeroKeepsTheWindowAtTheWholeRange()
    {
        SearchSpace space = [new RangeHP("x", 0, 10)];
        var study = new Study(HpoRegistry.Build("anneal", space, options: new AnnealOptions { AverageBestIndex = 1, ShrinkCoefficient = 0 }), new StudyOptions { Seed = 7 });
        study.AddTrial(new Dictionary<string, object?> { ["x"] = 5.0 }, 0.0);
        var xs = Enumerable.Range(0, 200).Select(_ => study.Ask().HyperParameters.GetDouble("x")).ToList();

        var d = Stats.KolmogorovSmirnov(xs, x => x / 10);
        Assert.True(d < Stats.KsCritical01(xs.Count), $"KS statistic {d}");
    }

    [Theory]
    [InlineData(0.1, 0.7, false)]
    [InlineData(0.3, 0.9, false)]
    [InlineData(0.001, 0.1, true)]
    public void ACoefficientOfZeroSuggestsOnRangesWhoseHalvesRoundApart(double low, double high, bool log)
    {
        // low + range / 2 rounds above high - range / 2 on these ranges (on the log scale for the log one).
        SearchSpace space = [log ? new LogRangeHP("x", low, high) : new RangeHP("x", low, high)];
        var study = new Study(new AnnealOptimizer(space, new AnnealOptions { ShrinkCoefficient = 0 }), new StudyOptions { Seed = 3 });
        study.AddTrial(new Dictionary<string, object?> { ["x"] = low }, 0.0);

        var xs = Enumerable.Range(0, 20).Select(_ => study.Ask().HyperParameters.GetDouble("x")).ToList();

        Assert.All(xs, x => Assert.InRange(x, low, high));
    }

    [Fact]
    public void AnInfiniteAverageBestIndexIsRefusedByName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HpoRegistry.Build("anneal", TestSpaces.Rich(), options: new AnnealOptions { AverageBestIndex = double.PositiveInfinity }));
        Assert.Equal("AverageBestIndex", error.ParamName);
        Assert.Contains("expected a finite number >= 1", error.Message);
    }

    [Fact]
    public void AVeryLargeAverageBestIndexStillExploresAroundTheLastRankedTrial()
    {
        SearchSpace space = [new RangeHP("x", 0, 100)];
        var study = new Study(new AnnealOptimizer(space, new AnnealOptions { AverageBestIndex = 1e17, ShrinkCoefficient = 10 }), new StudyOptions { Seed = 12 });
        double[] byRank = [10, 50, 90];
        for (var rank = 0; rank < 3; rank++)
        {
            study.AddTrial(new Dictionary<string, object?> { ["x"] = byRank[rank] }, rank);
        }

        // A geometric rank of mean 1e17 - 1 lies beyond the last trial almost surely, so the worst trial is the base.
        var aroundWorst = Enumerable.Range(0, 100).Count(_ => study.Ask().HyperParameters.GetDouble("x") > 200.0 / 3);

        Assert.True(aroundWorst > 95, $"only {aroundWorst} of 100 suggestions explored around the last-ranked trial");
    }

    [Fact]
    public void OptionMessagesWriteNumbersTheSameWayInEveryCulture() => CommaCulture.Run(() =>
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AnnealOptimizer([new RangeHP("x", 0, 1)], new AnnealOptions { AverageBestIndex = 0.5 }));

        Assert.StartsWith("AnnealOptions.AverageBestIndex is 0.5; expected a finite number >= 1.", error.Message);
        Assert.Equal("AverageBestIndex", error.ParamName);
    });
}
