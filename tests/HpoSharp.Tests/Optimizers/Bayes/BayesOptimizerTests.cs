using System.Collections.Immutable;
using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.Bayes;

public sealed class BayesOptimizerTests
{
    [Fact]
    public void ConvergesOnASmoothOneDimensionalProblem()
    {
        var result = Run([new RangeHP("x", -2, 3)], x => Math.Pow(x[0] - 0.7123, 2) + (0.3 * (1 - Math.Cos(2 * (x[0] - 0.7123)))), budget: 20, seed: 1);

        Assert.InRange(result.BestValue, 0, 1e-5);
    }

    [Fact]
    public void ConvergesOnBranin()
    {
        var result = Run([new RangeHP("x", -5, 10), new RangeHP("y", 0, 15)], Branin, budget: 40, seed: 2);

        Assert.InRange(result.BestValue - 0.397887357729738, 0, 1e-3);
    }

    [Fact]
    public void BeatsRandomSearchOnAFiveDimensionalProblemWithIntegersAndChoices()
    {
        SearchSpace space =
        [
            new RangeHP("a", 0, 1), new LogRangeHP("lr", 1e-5, 1), new IntRangeHP("n", 1, 40), new RangeHP("d", 0, 1, step: 0.1),
            new ChoiceHP("kind", "x", "y", "z"),
        ];
        static double Objective(double[] x) => Math.Pow(x[0] - 0.3, 2) + Math.Pow(Math.Log10(x[1]) + 3, 2) / 4 + Math.Pow(x[2] - 17, 2) / 100
            + Math.Pow(x[3] - 0.6, 2) + (x[4] == 1 ? 0 : 0.5);

        var bayes = Enumerable.Range(0, 3).Select(s => Run(space, Objective, 30, (ulong)s).BestValue).Order().ElementAt(1);
        var random = Enumerable.Range(0, 3).Select(s => Run(space, Objective, 30, (ulong)s, "random").BestValue).Order().ElementAt(1);

        Assert.True(bayes < random / 10, $"bayes {bayes}, random {random}");
        Assert.True(bayes < 0.01, $"bayes {bayes}");
    }

    [Fact]
    public void SuggestsOnlyValidValuesOfDiscreteAndConditionalParameters()
    {
        SearchSpace space =
        [
            new IntRangeHP("n", 1, 1000, log: true), new IntRangeHP("k", 0, 90, step: 15), new RangeHP("s", -1, 1, step: 0.25),
            new ChoiceHP("model", "lin", "tree", "net"), new LogRangeHP("c", 1e-3, 1e3) { ActiveWhen = new HPCondition("model", "lin") },
            new IntRangeHP("depth", 1, 100) { ActiveWhen = new HPCondition("model", "tree") },
            new ChoiceHP("act", "relu", "tanh") { ActiveWhen = new HPCondition("model", "net") },
            new RangeHP("width", 0, 1) { ActiveWhen = new HPCondition("act", "tanh") },
        ];
        static double Objective(double[] x) => Math.Abs(Math.Log(x[0]) - 3) + Math.Abs(x[1] - 45) / 30 + Math.Abs(x[2] - 0.5)
            + (double.IsNaN(x[5]) ? 1 : Math.Abs(x[5] - 37) / 50) + (double.IsNaN(x[7]) ? 0 : x[7]);

        var result = Run(space, Objective, 35, 4);

        Assert.All(result.Trials, t => space.Validate(t.Params.AsSpan()));
        Assert.Equal(3, result.Trials.Select(t => t.Params[3]).Distinct().Count());
        Assert.True(result.BestValue < 0.3, $"best {result.BestValue}");
    }

    [Fact]
    public void AConstantObjectiveGivesValidSuggestionsSpreadOverTheSpace()
    {
        SearchSpace space = [new RangeHP("x", 0, 1), new RangeHP("y", 0, 1), new ChoiceHP("c", 1, 2)];

        var result = Run(space, _ => 3.25, 25, 6);

        Assert.Equal(25, result.Trials.Count(t => t.State == TrialState.Complete));
        var modelled = result.Trials.Skip(10).Select(t => t.Params.ToArray()).ToList();
        var closest = modelled.SelectMany((a, i) => modelled.Skip(i + 1).Select(b => Math.Abs(a[0] - b[0]) + Math.Abs(a[1] - b[1]) + (a[2] == b[2] ? 0 : 1))).Min();
        Assert.True(closest > 0.05, $"two suggestions are {closest} apart");
        var quadrants = modelled.CountBy(x => (x[0] < 0.5, x[1] < 0.5)).ToList();
        Assert.Equal(4, quadrants.Count);
        Assert.All(quadrants, q => Assert.True(q.Value >= 2, $"quadrant {q.Key} has {q.Value} suggestions"));
        Assert.All(result.Trials.Skip(10), t => Assert.True(t.SystemAttributes.ContainsKey(BayesOptimizer.KernelAttribute)));
    }

    [Fact]
    public void DuplicatedAndSingleObservationsGiveValidSuggestions()
    {
        SearchSpace space = [new RangeHP("x", 0, 1), new IntRangeHP("n", 1, 3)];
        var study = new Study(HpoRegistry.Build("bayes", space, options: new BayesOptions { StartupTrials = 1 }), new StudyOptions { Seed = 3 });
        study.AddTrial(new Dictionary<string, object?> { ["x"] = 0.5, ["n"] = 2 }, 1.0);
        var afterOne = study.Ask();
        study.Tell(afterOne.Number, 2.0);
        for (var i = 0; i < 6; i++)
        {
            study.AddTrial(new Dictionary<string, object?> { ["x"] = 0.25, ["n"] = 1 }, i % 2 == 0 ? 0.5 : 0.7);
        }

        for (var i = 0; i < 3; i++)
        {
            var trial = study.Ask();
            Assert.All(study.Trials[trial.Number].Params, v => Assert.True(double.IsFinite(v)));
            study.Tell(trial.Number, 1.5);
        }

        Assert.All(study.Trials, t => space.Validate(t.Params.AsSpan()));
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(1e-300)]
    public void ExtremeMagnitudesGiveFiniteSuggestionsThatStillFollowTheValues(double magnitude)
    {
        SearchSpace space = [new RangeHP("x", 0, 1), new RangeHP("y", 0, 1)];
        var result = Run(space, x => magnitude * (1 + Math.Pow(x[0] - 0.3, 2) + Math.Pow(x[1] - 0.6, 2)), 30, 3);

        Assert.All(result.Trials, t => space.Validate(t.Params.AsSpan()));
        Assert.True(result.BestValue < magnitude * (1 + 1e-4), $"best {result.BestValue / magnitude} × {magnitude}");
    }

    [Fact]
    public void PendingTrialsPushParallelSuggestionsApart()
    {
        SearchSpace space = [new RangeHP("x", 0, 1), new RangeHP("y", 0, 1)];
        var study = new Study(HpoRegistry.Build("bayes", space), new StudyOptions { Seed = 8, MaxParallelism = 4 });
        for (var i = 0; i < 12; i++)
        {
            var trial = study.Ask();
            study.Tell(trial.Number, Quadratic(study.Trials[trial.Number].Params.ToArray()));
        }

        var numbers = Enumerable.Range(0, 4).Select(w => study.Ask(w).Number).ToList();
        var pending = numbers.Select(n => study.Trials[n].Params.ToArray()).ToList();

        var closest = pending.SelectMany((a, i) => pending.Skip(i + 1).Select(b => Math.Sqrt(Math.Pow(a[0] - b[0], 2) + Math.Pow(a[1] - b[1], 2)))).Min();
        Assert.True(closest > 1e-2, $"two pending suggestions are {closest} apart");
    }

    [Fact]
    public void WithParallelWorkersTheModelTakesOverOnceTheStartUpTrialsHaveStartedAndHalfAreComplete()
    {
        SearchSpace space = [new RangeHP("x", 0, 1), new RangeHP("y", 0, 1)];
        var study = new Study(HpoRegistry.Build("bayes", space, options: new BayesOptions { StartupTrials = 4 }), new StudyOptions { Seed = 2, MaxParallelism = 4 });
        var first = Enumerable.Range(0, 4).Select(w => study.Ask(w).Number).ToList();
        study.Tell(first[0], 1.0);
        var fifth = study.Ask(0).Number;
        study.Tell(first[1], 2.0);
        var sixth = study.Ask(1).Number;

        Assert.Equal([0L, 1L, 2L, 3L, 4L], first.Append(fifth).Select(n => (long)study.Trials[n].SystemAttributes[BayesOptimizer.SobolAttribute]));
        Assert.True(study.Trials[sixth].SystemAttributes.ContainsKey(BayesOptimizer.KernelAttribute));
        Assert.False(study.Trials[sixth].SystemAttributes.ContainsKey(BayesOptimizer.SobolAttribute));
    }

    [Fact]
    public void AFreshInstanceReproducesTheModelAndTheSuggestionFromTheStoredFit()
    {
        SearchSpace space = [new RangeHP("x", 0, 1), new LogRangeHP("y", 1e-3, 1), new ChoiceHP("c", "a", "b", "c")];
        var original = new Study(HpoRegistry.Build("bayes", space), new StudyOptions { Seed = 12, MaxParallelism = 2 });
        for (var i = 0; i < 18; i++)
        {
            var trial = original.Ask(i % 2);
            if (i < 17)
            {
                original.Tell(trial.Number, Quadratic(original.Trials[trial.Number].Params.ToArray()));
            }
        }

        var copy = new InMemoryTrialStore();
        foreach (var trial in original.Trials)
        {
            copy.CreateTrial(trial);
        }

        var fresh = new Study(HpoRegistry.Build("bayes", space), new StudyOptions { Seed = 12, MaxParallelism = 2, Store = copy });
        var (a, b) = (original.Ask(1).Number, fresh.Ask(1).Number);

        Assert.Equal(original.Trials[a].Params.ToArray(), fresh.Trials[b].Params.ToArray());
        Assert.Equal(((ImmutableArray<double>)original.Trials[a].SystemAttributes[BayesOptimizer.KernelAttribute]).ToArray(), ((ImmutableArray<double>)fresh.Trials[b].SystemAttributes[BayesOptimizer.KernelAttribute]).ToArray());
    }

    [Fact]
    public void ReusesTheStoredFitUntilTheHistoryGrowsAsTheRefitScheduleSays()
    {
        var options = new BayesOptions { StartupTrials = 5, RestartTrialLimit = 10, RefitGrowth = 0.5, Candidates = 256 };
        var study = new Study(HpoRegistry.Build("bayes", [new RangeHP("x", 0, 1), new RangeHP("y", 0, 1)], options: options), new StudyOptions { Seed = 9 });
        for (var i = 0; i < 30; i++)
        {
            var trial = study.Ask();
            study.Tell(trial.Number, Quadratic(study.Trials[trial.Number].Params.ToArray()));
        }

        var fittedOn = study.Trials.Skip(5).Select(t => (long)t.SystemAttributes[BayesOptimizer.FittedOnAttribute]).ToArray();

        // Refit at every suggestion up to 10 complete trials, then when their number reaches 1.5 times the last fit's.
        long[] expected = [5, 6, 7, 8, 9, 10, 10, 10, 10, 10, 15, 15, 15, 15, 15, 15, 15, 15, 23, 23, 23, 23, 23, 23, 23];
        Assert.Equal(expected, fittedOn);
        var kernels = study.Trials.Skip(15).Take(8).Select(t => ((ImmutableArray<double>)t.SystemAttributes[BayesOptimizer.KernelAttribute]).ToArray()).ToList();
        Assert.All(kernels, k => Assert.Equal(kernels[0], k));
    }

    [Fact]
    public void AHistoryLargerThanTheModelGivesValidReproducibleSuggestions()
    {
        SearchSpace space = [new RangeHP("x", 0, 1), new IntRangeHP("n", 1, 9), new ChoiceHP("c", "a", "b")];
        var options = new BayesOptions { MaxModelTrials = 12, MaxFitTrials = 6, Candidates = 256 };
        var original = new Study(HpoRegistry.Build("bayes", space, options: options), new StudyOptions { Seed = 4 });
        for (var i = 0; i < 30; i++)
        {
            var trial = original.Ask();
            original.Tell(trial.Number, Quadratic(original.Trials[trial.Number].Params.ToArray()));
        }

        var copy = new InMemoryTrialStore();
        foreach (var trial in original.Trials)
        {
            copy.CreateTrial(trial);
        }

        var fresh = new Study(HpoRegistry.Build("bayes", space, options: options), new StudyOptions { Seed = 4, Store = copy });
        var (a, b) = (original.Ask().Number, fresh.Ask().Number);

        Assert.All(original.Trials, t => space.Validate(t.Params.AsSpan()));
        Assert.Equal(original.Trials[a].Params.ToArray(), fresh.Trials[b].Params.ToArray());
    }

    [Fact]
    public void AConfigurationThatFailsIsNotSuggestedAgainForTheRestOfTheStudy()
    {
        // The objective fails below x = 0.3 (an out-of-memory or a diverging run); the valid part is best at x = 0.3.
        SearchSpace space = [new RangeHP("x", 0, 1), new RangeHP("y", 0, 1)];
        var study = new Study(HpoRegistry.Build("bayes", space), new StudyOptions { Seed = 3 });
        for (var i = 0; i < 40; i++)
        {
            var trial = study.Ask();
            var x = study.Trials[trial.Number].Params.ToArray();
            if (x[0] < 0.3)
            {
                study.Tell(trial.Number, TrialState.Failed, "diverged");
            }
            else
            {
                study.Tell(trial.Number, x[0] + Math.Pow(x[1] - 0.5, 2));
            }
        }

        var failed = study.Trials.Where(t => t.State == TrialState.Failed).Select(t => t.Params.ToArray()).ToList();
        var closest = failed.SelectMany((a, i) => failed.Skip(i + 1).Select(b => Math.Max(Math.Abs(a[0] - b[0]), Math.Abs(a[1] - b[1])))).Min();
        Assert.True(closest > 1e-3, $"two of the {failed.Count} failed configurations are {closest} apart");
        Assert.True(study.GetResult().BestValue < 0.31, $"best {study.GetResult().BestValue}");
    }

    [Fact]
    public void RefusesOptionsOutOfRangeNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HpoRegistry.Build("bayes", [new RangeHP("x", 0, 1)], options: new BayesOptions { Candidates = 0 }));

        Assert.Contains("BayesOptions.Candidates is 0; expected at least 1", error.Message);
    }

    [Fact]
    public void RefusesMoreCandidatesThanItCanHoldInsteadOfFailingAfterTheStartUpTrials()
    {
        // int.MaxValue candidates were accepted, and the first model suggestion then threw an unnamed capacity error.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HpoRegistry.Build("bayes", [new RangeHP("x", 0, 1)], options: new BayesOptions { Candidates = int.MaxValue }));

        Assert.Contains("BayesOptions.Candidates is 2147483647; expected at least 1 and at most 1000000", error.Message);
        Assert.NotNull(HpoRegistry.Build("bayes", [new RangeHP("x", 0, 1)], options: new BayesOptions { Candidates = BayesOptions.MaxCandidates }));
    }

    private static double Quadratic(double[] x) => Math.Pow(x[0] - 0.4, 2) + (x.Length > 1 && !double.IsNaN(x[1]) ? Math.Pow(Math.Log10(x[1] + 1e-3) + 1, 2) : 0);

    private static double Branin(double[] x)
    {
        var b = 5.1 / (4 * Math.PI * Math.PI);
        return Math.Pow(x[1] - (b * x[0] * x[0]) + (5 / Math.PI * x[0]) - 6, 2) + (10 * (1 - (1 / (8 * Math.PI))) * Math.Cos(x[0])) + 10;
    }

    private static StudyResult Run(SearchSpace space, Func<double[], double> objective, int budget, ulong seed, string algorithm = "bayes")
    {
        var study = new Study(HpoRegistry.Build(algorithm, space), new StudyOptions { Seed = seed });
        for (var i = 0; i < budget; i++)
        {
            var trial = study.Ask();
            study.Tell(trial.Number, objective(study.Trials[trial.Number].Params.ToArray()));
        }

        return study.GetResult();
    }
}
