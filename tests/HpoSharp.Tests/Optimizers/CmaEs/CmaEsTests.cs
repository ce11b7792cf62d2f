using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.CmaEs;

public sealed class CmaEsTests
{
    [Fact]
    public void ReachesTheOptimumOfARotatedEllipsoidToWithin1e8()
    {
        const int n = 5;
        var rotation = TestFunctions.Rotation(n, 3);
        double[] optimum = [0.3, -1.2, 2.1, 0.7, -2.5];
        double Ellipsoid(double[] x) => TestFunctions.Ellipsoid(TestFunctions.Rotate(rotation, x, optimum));

        var study = new Study(new CmaEsOptimizer(TestFunctions.Box(n, -5, 5)), new StudyOptions { Seed = 4 });
        var evaluations = 0;
        for (; evaluations < 2500 && (study.BestTrial?.Value ?? double.MaxValue) > 1e-8; evaluations++)
        {
            var trial = study.Ask();
            study.Tell(trial.Number, Ellipsoid(TestFunctions.Point(trial.HyperParameters, n)));
        }

        Assert.True(study.BestTrial!.Value <= 1e-8, $"best {study.BestTrial.Value} after {evaluations} evaluations");
    }

    [Fact]
    public void RestartsBeatASingleRunOnRastrigin()
    {
        const int n = 2;
        var rotation = TestFunctions.Rotation(n, 5);
        double[] optimum = [1.1, -2.3];
        double Rastrigin(HyperParameters hps) => TestFunctions.Rastrigin(TestFunctions.Rotate(rotation, TestFunctions.Point(hps, n), optimum));

        (double Best, long Runs) Run(RestartStrategy restarts, ulong seed)
        {
            var optimizer = new CmaEsOptimizer(TestFunctions.Box(n, -5, 5), new CmaEsOptions { Restarts = restarts });
            var result = new Study(optimizer, new StudyOptions { Seed = seed, MaxEvaluations = 2000 }).Optimize((hps, _) => Rastrigin(hps));
            return (result.BestValue, 1 + result.Trials.Max(t => (long)t.SystemAttributes[CmaEsOptimizer.RestartAttribute]));
        }

        var seeds = Enumerable.Range(0, 8).Select(s => (ulong)s).ToArray();
        var single = seeds.Select(s => Run(RestartStrategy.None, s)).ToArray();
        var ipop = seeds.Select(s => Run(RestartStrategy.Ipop, s)).ToArray();
        var bipop = seeds.Select(s => Run(RestartStrategy.Bipop, s)).ToArray();

        Assert.All(single, r => Assert.Equal(1, r.Runs));
        Assert.All(ipop.Concat(bipop), r => Assert.True(r.Runs >= 2, $"{r.Runs} runs"));
        var singleMean = single.Average(r => r.Best);
        Assert.True(ipop.Average(r => r.Best) < 0.75 * singleMean, $"IPOP {ipop.Average(r => r.Best)} vs single {singleMean}");
        Assert.True(bipop.Average(r => r.Best) < 0.75 * singleMean, $"BIPOP {bipop.Average(r => r.Best)} vs single {singleMean}");
        Assert.True(ipop.Count(r => r.Best < 1e-6) > single.Count(r => r.Best < 1e-6), "IPOP finds the global optimum more often");
    }

    [Fact]
    public void ElitismSpeedsUpASmallBudgetSearch()
    {
        // A cigar-like function of 6 variables (one cheap axis, five steep ones) at 200 evaluations, over 12 seeds.
        const int n = 6;
        double Cigar(HyperParameters hps) => TestFunctions.Point(hps, n).Select((x, i) => (i == 0 ? 1 : 1e6) * Math.Pow(x - (i % 2 == 0 ? 1.7 : -2.4), 2)).Sum();
        double Median(bool elitist) => Enumerable.Range(0, 12)
            .Select(seed => new Study(new CmaEsOptimizer(TestFunctions.Box(n, -5, 5), new CmaEsOptions { Elitist = elitist }), new StudyOptions { Seed = (ulong)seed, MaxEvaluations = 200 })
                .Optimize((hps, _) => Cigar(hps)).BestValue)
            .Order().ElementAt(6);

        var (elitist, classic) = (Median(true), Median(false));
        Assert.True(elitist < 0.5 * classic, $"elitist {elitist} vs classic {classic}");
    }

    [Fact]
    public void AnEnqueuedGoodConfigurationPullsTheSearchTowardsIt()
    {
        // A sphere in 5 variables centred at (4, ..., 4), far from where the search starts; 24 evaluations, over 7 seeds.
        const int n = 5;
        var optimum = Enumerable.Repeat((object?)4.0, n).Select((v, i) => KeyValuePair.Create($"x{i}", v)).ToDictionary();
        double Median(bool enqueue) => Enumerable.Range(0, 7).Select(seed =>
        {
            var study = new Study(new CmaEsOptimizer(TestFunctions.Box(n, -5, 5)), new StudyOptions { Seed = (ulong)seed, MaxEvaluations = 24 });
            if (enqueue)
            {
                study.Enqueue(new Dictionary<string, object?>(optimum) { ["x0"] = 3.0 });
            }

            return study.Optimize((hps, _) => TestFunctions.Point(hps, n).Sum(x => (x - 4) * (x - 4)))
                .Trials.Where(t => t.Origin == TrialOrigin.Suggested).Min(t => t.Value);
        }).Order().ElementAt(3);

        var (helped, alone) = (Median(true), Median(false));
        Assert.True(helped < 0.4 * alone, $"best suggested value: {helped} after enqueuing a good point, {alone} without");
    }

    [Fact]
    public void AnAddedTrialThatFindsNoRoomStillBecomesTheElitistRunsBestSample()
    {
        // Three added trials take the first generation's room for outside members (λ/2 = 3); a fourth, at (1, 1), has a
        // value no suggestion can reach, since the objective's own optimum, 100, lies at (-3, -3).
        static Dictionary<string, object?> At(double x) => new() { ["x0"] = x, ["x1"] = x };
        static double Objective(TrialContext trial) => 100 + TestFunctions.Sphere([.. TestFunctions.Point(trial.HyperParameters, 2).Select(x => x + 3)]);
        double LaterDistanceFromTheAddedPoint(bool elitist)
        {
            var study = new Study(new CmaEsOptimizer(TestFunctions.Box(2, -5, 5), new CmaEsOptions { Elitist = elitist, Restarts = RestartStrategy.None }), new StudyOptions { Seed = 3 });
            var first = study.Ask();
            study.Tell(first.Number, Objective(first));
            for (var i = 0; i < 3; i++)
            {
                study.AddTrial(At(4), 150);
            }

            study.AddTrial(At(1), 0);
            for (var i = 0; i < 60; i++)
            {
                var trial = study.Ask();
                study.Tell(trial.Number, Objective(trial));
            }

            return study.Trials.Where(t => t.Origin == TrialOrigin.Suggested).Skip(30)
                .Average(t => Math.Sqrt(TestFunctions.Sphere([.. TestFunctions.Point(study.HyperParametersOf(t), 2).Select(x => x - 1)])));
        }

        // Kept as the run's best sample, it holds the elitist search near it; the classic one goes to (-3, -3).
        var (elitist, classic) = (LaterDistanceFromTheAddedPoint(true), LaterDistanceFromTheAddedPoint(false));
        Assert.True(elitist < 1, $"elitist: mean distance {elitist}");
        Assert.True(classic > 4, $"classic: mean distance {classic}");
    }

    [Fact]
    public void KeepsExactlyToBoundsStepsAndLogRanges()
    {
        SearchSpace space =
        [
            new RangeHP("low", 0, 1),
            new RangeHP("high", -3, 2),
            new LogRangeHP("lr", 1e-6, 1e-2),
            new RangeHP("stepped", 0, 1, step: 0.05),
            new IntRangeHP("int", -4, 8, step: 3),
        ];

        // Optima on the bounds and outside them, and between allowed values: the search must hug the bounds, never
        // cross them, and land on the nearest allowed values. The best value is 0 + 1 + 0.25 + 0.02 + 0.
        var result = new Study(new CmaEsOptimizer(space), new StudyOptions { Seed = 8, MaxEvaluations = 600 }).Optimize((hps, _) =>
            hps.GetDouble("low") + ((7 - hps.GetDouble("high")) / 5) + (Math.Abs(Math.Log10(hps.GetDouble("lr")) + 7) / 4)
            + Math.Abs(hps.GetDouble("stepped") - 0.33) + (Math.Abs(hps.GetInt("int") - 5) / 12.0));

        foreach (var trial in result.Trials)
        {
            space.Validate(trial.Params.AsSpan());
        }

        var best = result.BestHp!;
        Assert.InRange(result.BestValue, 1.27, 1.275);
        Assert.InRange(best.GetDouble("low"), 0, 0.005);
        Assert.InRange(best.GetDouble("high"), 1.99, 2);
        Assert.InRange(best.GetDouble("lr"), 1e-6, 1.02e-6);
        Assert.Equal(0.35, best.GetDouble("stepped"), 12);
        Assert.Equal(5, best.GetInt("int"));
        Assert.Contains(result.Trials, t => t.Params[0] == 0);
        Assert.Contains(result.Trials, t => t.Params[1] == 2);
        Assert.Contains(result.Trials, t => t.Params[2] <= 1e-6 * (1 + 1e-12));
    }

    [Fact]
    public void TheMarginKeepsIntegersMovingAfterTheContinuousPartHasConverged()
    {
        // The continuous part dominates the ranking and converges fast; the integer optimum lies 30 steps from the
        // centre, so it is only reached by moving across levels long after σ has become much smaller than a step.
        SearchSpace space =
        [
            new RangeHP("a", -1, 1),
            new RangeHP("b", -1, 1),
            new RangeHP("c", -1, 1),
            new IntRangeHP("k", 0, 100),
            new RangeHP("s", 0, 10, step: 0.5),
        ];
        double Objective(HyperParameters hps) =>
            (1e4 * (Math.Pow(hps.GetDouble("a") - 0.2, 2) + Math.Pow(hps.GetDouble("b") + 0.4, 2) + Math.Pow(hps.GetDouble("c") - 0.6, 2)))
            + (0.01 * Math.Abs(hps.GetInt("k") - 80)) + (0.01 * Math.Abs(hps.GetDouble("s") - 9));

        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            var result = new Study(new CmaEsOptimizer(space, new CmaEsOptions { Restarts = RestartStrategy.None }), new StudyOptions { Seed = seed, MaxEvaluations = 1500 })
                .Optimize((hps, _) => Objective(hps));
            Assert.Equal(80, result.BestHp!.GetInt("k"));
            Assert.Equal(9, result.BestHp.GetDouble("s"));
            Assert.True(result.BestValue < 1e-4, $"seed {seed}: best {result.BestValue}"); // and the continuous part has converged
        }
    }

    [Fact]
    public void AnIntegerRangeOfABillionValuesSpreadsItsSamplesAsAContinuousRangeDoes()
    {
        // The margin only ever raises the probability of leaving the mean's level; over a billion levels it is close to
        // 1 anyway, so the integer search must spread its samples as the continuous one with the same seed does.
        double[] Spreads(HPSpace parameter)
        {
            var study = new Study(new CmaEsOptimizer([parameter]), new StudyOptions { Seed = 3 });
            var values = new RandomStream(9);
            for (var i = 0; i < 40; i++)
            {
                var trial = study.Ask();
                study.Tell(trial.Number, values.NextDouble());
            }

            return [.. study.Trials.GroupBy(t => (long)t.SystemAttributes[CmaEsOptimizer.GenerationAttribute]).Take(4).Select(g =>
            {
                var k = g.Select(t => study.HyperParametersOf(t).GetDouble("k")).ToArray();
                return Math.Sqrt(k.Sum(v => Math.Pow(v - k.Average(), 2)) / k.Length);
            })];
        }

        var integer = Spreads(new IntRangeHP("k", 0, 1_000_000_000));
        var continuous = Spreads(new RangeHP("k", 0, 1_000_000_000));
        for (var generation = 1; generation < 4; generation++)
        {
            Assert.True(integer[generation] > 0.5 * continuous[generation], $"generation {generation}: spread {integer[generation]:E2} against {continuous[generation]:E2}");
        }
    }

    [Fact]
    public void LearnsTheBestChoicesOfCategoricalParameters()
    {
        SearchSpace space =
        [
            new ChoiceHP("optimizer", "sgd", "adam", "rmsprop", "lbfgs"),
            new ChoiceHP("activation", "relu", "tanh", "gelu", "elu", "selu", "silu"),
            new RangeHP("x", -2, 2),
        ];
        double Objective(HyperParameters hps) => Math.Pow(hps.GetDouble("x") - 0.5, 2)
            + (hps.Get<string>("optimizer") == "rmsprop" ? 0 : 0.5) + (hps.Get<string>("activation") == "gelu" ? 0 : 0.3);

        var result = new Study(new CmaEsOptimizer(space, new CmaEsOptions { Restarts = RestartStrategy.None }), new StudyOptions { Seed = 6, MaxEvaluations = 300 })
            .Optimize((hps, _) => Objective(hps));

        var last = result.Trials.TakeLast(50).Select(result.HyperParametersOf).ToArray();
        Assert.Equal("rmsprop", result.BestHp!.Get<string>("optimizer"));
        Assert.Equal("gelu", result.BestHp.Get<string>("activation"));
        Assert.InRange(last.Count(h => h.Get<string>("optimizer") == "rmsprop"), 35, 50);
        Assert.InRange(last.Count(h => h.Get<string>("activation") == "gelu"), 35, 50);

        // The margin keeps every choice possible: the others are still sampled now and then.
        Assert.True(last.Count(h => h.Get<string>("optimizer") != "rmsprop") + last.Count(h => h.Get<string>("activation") != "gelu") > 0);
    }

    [Fact]
    public void SearchesSpacesWithOnlyCategoricalOrFixedParameters()
    {
        SearchSpace choices = [new ChoiceHP("a", 1, 2, 3), new ChoiceHP("b", "x", "y"), new FixedHP("c", 4)];
        var result = new Study(new CmaEsOptimizer(choices), new StudyOptions { Seed = 1, MaxEvaluations = 80 })
            .Optimize((hps, _) => Math.Abs(hps.GetInt("a") - 3) + (hps.Get<string>("b") == "y" ? 0 : 1));
        Assert.Equal(0, result.BestValue);
        var last = result.Trials.TakeLast(20).Select(result.HyperParametersOf);
        Assert.InRange(last.Count(h => h.GetInt("a") == 3 && h.Get<string>("b") == "y"), 12, 20); // 1 in 6 if drawn at random

        SearchSpace fixedOnly = [new FixedHP("c", 4)];
        var constant = new Study(new CmaEsOptimizer(fixedOnly), new StudyOptions { Seed = 1, MaxEvaluations = 20 }).Optimize((hps, _) => hps.GetInt("c"));
        Assert.Equal(20, constant.Trials.Count);
    }

    [Fact]
    public void AReplayRewindsWhenATrialFinishesOutOfOrder()
    {
        var space = TestFunctions.Box(2, -5, 5);
        var clock = new ScriptedClock();
        var live = new Study(new CmaEsOptimizer(space), new StudyOptions { Seed = 12, MaxParallelism = 8, TimeProvider = clock });
        var asked = Enumerable.Range(0, 8).Select(i => live.Ask(i)).ToList();

        // The first six told complete generation 0 and the next ask updates the distribution from them ...
        for (var i = 0; i < 6; i++)
        {
            clock.Now = clock.Start.AddSeconds(10 + i);
            live.Tell(asked[i].Number, TestFunctions.Sphere(TestFunctions.Point(asked[i].HyperParameters, 2)));
        }

        live.Ask(0);

        // ... but trial 6 then arrives with an earlier finish time: it belongs to generation 0 in the replayed order.
        clock.Now = clock.Start.AddSeconds(1);
        live.Tell(asked[6].Number, TestFunctions.Sphere(TestFunctions.Point(asked[6].HyperParameters, 2)));
        var next = live.Ask(1);

        var store = new InMemoryTrialStore();
        foreach (var trial in live.Trials.Take(next.Number))
        {
            store.CreateTrial(trial);
        }

        var fresh = new Study(new CmaEsOptimizer(space), new StudyOptions { Seed = 12, MaxParallelism = 8, Store = store, TimeProvider = clock });
        Assert.Equal(next.Number, fresh.Ask(1).Number);
        Assert.Equal(live.Trials[next.Number].Params.ToArray(), fresh.Trials[next.Number].Params.ToArray());
        Assert.Equal(1L, live.Trials[next.Number].SystemAttributes[CmaEsOptimizer.GenerationAttribute]);
    }

    [Fact]
    public void OptionsOutOfRangeAreRefusedByName()
    {
        static string Refusal(CmaEsOptions options) => Assert.Throws<ArgumentOutOfRangeException>(options.Validate).Message;
        Assert.Contains("CmaEsOptions.PopulationSize is 3; expected at least 4", Refusal(new() { PopulationSize = 3 }));
        Assert.Contains("CmaEsOptions.PopulationSize is 1000001; expected at least 4 and at most 1000000", Refusal(new() { PopulationSize = 1_000_001 }));
        Assert.Contains("CmaEsOptions.InitialStepSize is 0; expected a number in (0, 1]", Refusal(new() { InitialStepSize = 0 }));
        Assert.Contains("CmaEsOptions.InitialStepSize is 1.5; expected a number in (0, 1]", Refusal(new() { InitialStepSize = 1.5 }));
        Assert.Contains("CmaEsOptions.Restarts is 7; expected None, Ipop or Bipop", Refusal(new() { Restarts = (RestartStrategy)7 }));
        Assert.Contains("CmaEsOptions.PopulationIncrease is 1; expected a number greater than 1", Refusal(new() { PopulationIncrease = 1 }));
        Assert.Contains("single objective", Assert.Throws<NotSupportedException>(() => new Study(new CmaEsOptimizer(TestFunctions.Box(2, 0, 1)), new StudyOptions { Directions = [Direction.Minimize, Direction.Minimize] })).Message);
    }

    [Fact]
    public void AnInitialStepSizeOfTheWholeRangeIsAccepted()
    {
        Assert.Equal(1, new CmaEsOptimizer(TestFunctions.Box(2, 0, 1), new CmaEsOptions { InitialStepSize = 1 }).Options.InitialStepSize);
    }

    [Fact]
    public void APopulationSizeOptionSetsTheGenerationLength()
    {
        var result = new Study(new CmaEsOptimizer(TestFunctions.Box(3, -1, 1), new CmaEsOptions { PopulationSize = 12 }), new StudyOptions { Seed = 2, MaxEvaluations = 36 })
            .Optimize((hps, _) => TestFunctions.Sphere(TestFunctions.Point(hps, 3)));
        Assert.Equal([0L, 1L, 2L], result.Trials.Select(t => (long)t.SystemAttributes[CmaEsOptimizer.GenerationAttribute]).Distinct());
        Assert.All(result.Trials.Chunk(12), chunk => Assert.Single(chunk.Select(t => t.SystemAttributes[CmaEsOptimizer.GenerationAttribute]).Distinct()));
    }
}
