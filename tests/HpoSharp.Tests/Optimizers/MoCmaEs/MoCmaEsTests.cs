using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Optimizers.MultiObjective;
using HpoSharp.Space;
using HpoSharp.Tests.Optimizers.CmaEs;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.MoCmaEs;

public sealed class MoCmaEsTests
{
    private static readonly Direction[] TwoMinimised = [Direction.Minimize, Direction.Minimize];

    [Fact]
    public void ItsZdt1FrontsBeatARandomSearchAtEqualBudget()
    {
        var space = TestFunctions.Box(30, 0, 1);
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            StudyResult Run(string algorithm) => HpoRegistry.Build(algorithm, space, Objective.Create(c => TestFunctions.Zdt1(c.HyperParameters, 30)))
                .Optimize(options: new StudyOptions { Seed = seed, MaxEvaluations = 600, Directions = TwoMinimised });
            var (ours, random) = (Run("mocmaes"), Run("random"));

            // The best front has hypervolume 120 + 2/3 against (11, 11); a random search of 600 points reaches about 96.
            var (hvOurs, hvRandom) = (Hypervolume.OfTrials(ours.ParetoFront, TwoMinimised, [11, 11]), Hypervolume.OfTrials(random.ParetoFront, TwoMinimised, [11, 11]));
            Assert.True(hvOurs > hvRandom + 8, $"seed {seed}: mocmaes {hvOurs} vs random {hvRandom}");

            // Most of the joint front is ours.
            var joint = Pareto.FirstFront([.. ours.ParetoFront.Concat(random.ParetoFront).Select(t => t.Values.Select(v => -v).ToArray())]);
            Assert.True(joint.Count(i => i < ours.ParetoFront.Count) > 2 * joint.Count(i => i >= ours.ParetoFront.Count), $"seed {seed}: joint front {joint.Length}");
        }
    }

    [Fact]
    public void AddedParetoOptimalTrialsJoinThePopulationAndBreed()
    {
        // Ten points of ZDT1's front (x0 spread, the rest 0) added before the study; 100 suggestions, over 3 seeds.
        var space = TestFunctions.Box(10, 0, 1);
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            double Volume(bool warm)
            {
                var study = new Study(new MoCmaEsOptimizer(space), new StudyOptions { Seed = seed, MaxEvaluations = 100, Directions = TwoMinimised });
                for (var k = 0; warm && k < 10; k++)
                {
                    var point = Enumerable.Range(0, 10).ToDictionary(i => $"x{i}", i => (object?)(i == 0 ? k / 9.0 : 0.0));
                    study.AddTrial(point, [k / 9.0, 1 - Math.Sqrt(k / 9.0)]);
                }

                var suggested = study.Optimize(Objective.Create(c => TestFunctions.Zdt1(c.HyperParameters, 10))).Trials.Where(t => t.Origin == TrialOrigin.Suggested);
                return Hypervolume.OfTrials(suggested, TwoMinimised, [11, 11]);
            }

            var (warm, cold) = (Volume(true), Volume(false));
            Assert.True(warm > cold + 10, $"seed {seed}: hypervolume of the suggested trials {warm} with added front points, {cold} without");
        }
    }

    [Fact]
    public void CountingOnlyOffspringThatBeatTheirParentConvergesFasterThanCountingEverySelectedOne()
    {
        var space = TestFunctions.Box(8, 0, 1);
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            double Volume(MoCmaEsSuccess rule) => Hypervolume.OfTrials(
                new Study(new MoCmaEsOptimizer(space, new MoCmaEsOptions { Success = rule }), new StudyOptions { Seed = seed, MaxEvaluations = 300, Directions = TwoMinimised })
                    .Optimize(Objective.Create(c => TestFunctions.Zdt1(c.HyperParameters, 8))).ParetoFront,
                TwoMinimised,
                [1.1, 1.1]);
            var (beats, selected) = (Volume(MoCmaEsSuccess.BeatsParent), Volume(MoCmaEsSuccess.Selected));
            Assert.True(beats > selected, $"seed {seed}: {beats} vs {selected}");
        }
    }

    [Fact]
    public void WithOneObjectiveItIsAPopulationOfElitistEvolutionStrategies()
    {
        const int n = 5;
        double[] optimum = [0.4, -0.3, 0.2, 0.1, -0.45];
        var result = new Study(new MoCmaEsOptimizer(TestFunctions.Box(n, -1, 1)), new StudyOptions { Seed = 5, MaxEvaluations = 800 })
            .Optimize((hps, _) => TestFunctions.Sphere([.. TestFunctions.Point(hps, n).Select((x, i) => x - optimum[i])]));

        Assert.True(result.BestValue < 1e-10, $"best {result.BestValue}");

        // With one objective the non-dominated set is the best individual: after the 30 start-up points, every offspring
        // descends from the best trial so far (elitism).
        var best = double.MaxValue;
        var bestNumber = -1;
        foreach (var trial in result.Trials)
        {
            var parent = (long)trial.SystemAttributes[MoCmaEsOptimizer.ParentAttribute];
            Assert.True(trial.Number < 30 ? parent == -1 : parent == bestNumber, $"trial {trial.Number}: parent {parent}, best so far {bestNumber}");
            if (trial.Value < best)
            {
                (best, bestNumber) = (trial.Value, trial.Number);
            }
        }
    }

    [Fact]
    public void SearchesMixedSpacesWithValidValuesAndFindsTheDiscreteOptima()
    {
        SearchSpace space =
        [
            new RangeHP("x", -1, 1),
            new LogRangeHP("lr", 1e-4, 1),
            new IntRangeHP("depth", 1, 40),
            new RangeHP("ratio", 0, 1, step: 0.1),
            new ChoiceHP("kind", "a", "b", "c", "d"),
        ];
        double[] Objectives(HyperParameters hps) =>
        [
            Math.Pow(hps.GetDouble("x") - 0.5, 2) + Math.Abs(hps.GetInt("depth") - 30) + (hps.Get<string>("kind") == "c" ? 0 : 1),
            Math.Pow(hps.GetDouble("x") + 0.5, 2) + Math.Abs(Math.Log10(hps.GetDouble("lr")) + 2) + Math.Abs(hps.GetDouble("ratio") - 0.7),
        ];

        var result = new Study(new MoCmaEsOptimizer(space), new StudyOptions { Seed = 3, MaxEvaluations = 600, Directions = TwoMinimised })
            .Optimize(Objective.Create(c => Objectives(c.HyperParameters)));

        foreach (var trial in result.Trials)
        {
            space.Validate(trial.Params.AsSpan());
        }

        // 19 and 18 of the front's 20 points at this seed; a random search of 600 points puts at most 4 and 2 on its front (seeds 1 to 10).
        var front = result.ParetoFront.Select(result.HyperParametersOf).ToArray();
        Assert.InRange(front.Count(h => h.GetInt("depth") == 30 && h.Get<string>("kind") == "c"), 10, front.Length);
        Assert.InRange(front.Count(h => Math.Abs(h.GetDouble("ratio") - 0.7) < 1e-12 && Math.Abs(Math.Log10(h.GetDouble("lr")) + 2) < 0.1), 10, front.Length);
    }

    [Fact]
    public void ParallelWorkersAndFailuresStillGrowTheFront()
    {
        // Four workers played out by ask and tell, so that the run is the same every time: one of the four running
        // trials, at random, finishes next, and every seventh trial fails; 400 trials, over 5 seeds.
        var space = TestFunctions.Box(10, 0, 1);
        double Gap(string algorithm, ulong seed)
        {
            var clock = new ScriptedClock();
            var study = new Study(HpoRegistry.Build(algorithm, space), new StudyOptions { Seed = seed, MaxParallelism = 4, Directions = TwoMinimised, TimeProvider = clock });
            var rng = new RandomStream(seed);
            var running = new List<TrialContext>();
            for (var finished = 0; finished < 400; finished++)
            {
                while (running.Count < 4)
                {
                    running.Add(study.Ask(running.Count));
                }

                var done = running[rng.NextInt(running.Count)];
                running.Remove(done);
                clock.Now = clock.Now.AddSeconds(1);
                if (done.Number % 7 == 3)
                {
                    study.Tell(done.Number, TrialState.Failed, "boom");
                }
                else
                {
                    study.Tell(done.Number, TestFunctions.Zdt1(done.HyperParameters, 10));
                }
            }

            // The best front has hypervolume 120 + 2/3 against (11, 11).
            return 120.6667 - Hypervolume.OfTrials(study.Trials, TwoMinimised, [11, 11]);
        }

        double MedianGap(string algorithm) => Enumerable.Range(1, 5).Select(seed => Gap(algorithm, (ulong)seed)).Order().ElementAt(2);
        var (ours, random) = (MedianGap("mocmaes"), MedianGap("random"));
        Assert.True(ours < 0.4 * random, $"median gap: mocmaes {ours} vs random {random}");
    }

    [Fact]
    public void ObjectivesAsLargeAsADoubleHoldsDoNotStopTheStudy()
    {
        // Every trial lies on the front, whose range in each objective, 2 × 1e308, overflows a double.
        var result = new Study(new MoCmaEsOptimizer([new RangeHP("x", 0, 1)], new MoCmaEsOptions { PopulationSize = 5 }), new StudyOptions { Seed = 1, MaxEvaluations = 40, Directions = TwoMinimised })
            .Optimize(Objective.Create(c => new[] { 1e308 * ((2 * c.HyperParameters.GetDouble("x")) - 1), -1e308 * ((2 * c.HyperParameters.GetDouble("x")) - 1) }));

        Assert.Equal(StopReason.BudgetReached, result.StopReason);
        Assert.Equal(40, result.ParetoFront.Count);
    }

    [Fact]
    public void OptionsOutOfRangeAreRefusedByName()
    {
        Assert.Contains("MoCmaEsOptions.PopulationSize is 1; expected at least 2", Assert.Throws<ArgumentOutOfRangeException>(() => new MoCmaEsOptions { PopulationSize = 1 }.Validate()).Message);
        Assert.Contains("MoCmaEsOptions.InitialStepSize is 2; expected a number in (0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => new MoCmaEsOptions { InitialStepSize = 2 }.Validate()).Message);
        Assert.Contains("MoCmaEsOptions.Success is 7; expected a MoCmaEsSuccess value", Assert.Throws<ArgumentOutOfRangeException>(() => new MoCmaEsOptions { Success = (MoCmaEsSuccess)7 }.Validate()).Message);
    }
}
