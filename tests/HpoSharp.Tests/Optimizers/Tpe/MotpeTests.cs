using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Optimizers.MultiObjective;
using HpoSharp.Space;
using HpoSharp.Tests.Optimizers.CmaEs;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.Tpe;

public sealed class MotpeTests
{
    private static readonly Direction[] TwoMinimised = [Direction.Minimize, Direction.Minimize];

    // Higher is better. X dominates all; A, B, C form the second front; D (dominated by C) the third; E the fourth.
    private static readonly double[][] Objectives = [[10, 10], [5, 1], [1, 4], [3, 3], [2, 2], [0.5, 0.5]];

    [Fact]
    public void TheGoodSideTakesWholeFrontsThenTheStraddlingFrontsLargestHypervolumeGains()
    {
        // Good count 3: X, then 2 of {A, B, C}. Their reference is the front's worst (1, 1) moved out by a tenth: (0.9, 0.9).
        // Gains A (4.1, 0.1), B (0.1, 3.1), C (2.1, 2.1): C first (4.41), then A adds 0.41 − 0.21 = 0.20, B only 0.31 − 0.21.
        Assert.Equal([0, 3, 1], MotpeSelection.GoodIndices(Objectives, 3));
        Assert.Equal([0, 1, 2, 3], MotpeSelection.GoodIndices(Objectives, 4).Order());
        Assert.Equal([0], MotpeSelection.GoodIndices(Objectives, 1));

        // After X, the front (4, 4), (5, 3), (1, 10) with reference (0.9, 2.7): boxes 4.03, 1.23, 0.73. After (4, 4),
        // (1, 10) adds 0.73 - 0.13 = 0.60 and (5, 3) only 1.23 - 0.93 = 0.30, despite its larger box.
        Assert.Equal([0, 1, 3], MotpeSelection.GoodIndices([[10, 10], [4, 4], [5, 3], [1, 10]], 3));
    }

    [Fact]
    public void EqualGainsOnALatticeGoToTheOlderTrialThoughTheirRoundingDiffers()
    {
        // After (9, 9), (5, 13) and (13, 5), the mirror images (3, 15) and (15, 3) gain exactly as much, but the scaled
        // objectives compute their gains with different rounding; the older trial is good.
        Assert.Equal([0, 1, 3, 4], MotpeSelection.GoodIndices([[5, 13], [3, 15], [15, 3], [13, 5], [9, 9]], 4).Order());
    }

    [Fact]
    public void OnRandomLatticeFrontsTheGoodSideIsTheExactGreedyChoiceWithTheOlderTrialFirst()
    {
        // Mutually non-dominated points on x + y (+ z) = total, with many equal gains. Measured from MOTPE's reference
        // (0.9 times the worst value, here positive) and multiplied by 10, every gain is an integer, so the greedy
        // selection on them is computed exactly, ties by index.
        var rng = new RandomStream(3, 0);
        for (var repeat = 0; repeat < 2_000; repeat++)
        {
            var m = 2 + (repeat % 2);
            var points = LatticeFront(rng, m, total: 16 + rng.NextInt(6), count: 5 + rng.NextInt(9));
            var good = 2 + rng.NextInt(points.Length - 2);
            var worst = Enumerable.Range(0, m).Select(k => points.Min(p => p[k])).ToArray();
            var gains = points.Select(p => p.Select((v, k) => (10 * (v - worst[k])) + worst[k]).ToArray()).ToArray();

            Assert.Equal(HypervolumeSubsetSelection.Greedy(gains, good, new double[m]).Order(), MotpeSelection.GoodIndices(points, good).Order());
        }
    }

    [Fact]
    public void TheStraddlingFrontIsSelectedAgainstAReferenceJustBeyondItsOwnWorstValues()
    {
        // The second front is (1, 0), (0.45, 0.45), (0, 1). Against its own worst values (0, 0) only the middle point has a
        // box worth counting; against those of every point (-10, -10) the first would win, 12 · 11 > 11.45².
        double[][] points = [[2, 2], [1, 0], [0.45, 0.45], [0, 1], [-10, -10]];
        Assert.Equal([0, 2], MotpeSelection.GoodIndices(points, 2));
    }

    [Fact]
    public void TheSelectionIsKeptForOneGoodCountAndOneSetOfTrialsInWhichTheGroupWasActive()
    {
        // y is inactive in X (trial 0), so a group led by y sees the second front and below only.
        KernelDimension[] dimensions = [new(Dimension.Real("x", 0, 1), 0), new(Dimension.Real("y", 0, 1), 1)];
        var observations = Observe(dimensions, [.. Objectives.Select((v, i) => Made(i, TrialState.Complete, v, i / 10.0, i == 0 ? double.NaN : 0.5))]);
        var selection = new MotpeSelection();

        Assert.Equal([0, 1, 3], selection.Select(observations, lead: 0, goodCount: 3, exponent: 1).Good);
        Assert.Equal([0, 1, 2, 3, 4], selection.Select(observations, lead: 0, goodCount: 5, exponent: 1).Good);
        Assert.Equal([1, 2, 3], selection.Select(observations, lead: 1, goodCount: 3, exponent: 1).Good);
        Assert.Equal([0, 1, 3], selection.Select(observations, lead: 0, goodCount: 3, exponent: 1).Good);
    }

    [Fact]
    public void AReferenceCoordinateWhoseWorstValueIsZeroLiesJustBelowIt()
    {
        Assert.Equal([-1e-12, -2.2], MotpeSelection.Reference([[0, -2], [3, -1]]));
    }

    [Fact]
    public void GoodTrialsWeighTheirHypervolumeContributionOverTheLargest()
    {
        // Reference (0.9, 0.9); exclusive contributions A 2.0 · 0.1, B 0.1 · 1.0, C 2.0 · 2.0 less the 1.0 · 1.0 that D
        // (dominated, adding nothing itself) also covers.
        var weights = MotpeSelection.Weights([[5, 1], [1, 4], [3, 3], [2, 2]], exponent: 1);
        Assert.Equal(0.2 / 3.0, weights[0], 1e-9);
        Assert.Equal(0.1 / 3.0, weights[1], 1e-9);
        Assert.Equal(1.0, weights[2], 1e-12);
        Assert.Equal(1e-12, weights[3]);
        Assert.Equal([1.0], MotpeSelection.Weights([[5, 1]], exponent: 1));
        Assert.Equal([1.0, 1.0], MotpeSelection.Weights([[5, 1], [5, 1]], exponent: 1));
        Assert.Equal(Math.Sqrt(0.2 / 3.0), MotpeSelection.Weights([[5, 1], [1, 4], [3, 3], [2, 2]], exponent: 0.5)[0], 1e-9);
    }

    [Fact]
    public void TrialsWithEqualValuesEachWeighTheContributionOfTheirSharedPoint()
    {
        // (2, 1) and (1, 2) are symmetric about the diagonal; (2, 1) was reached by two trials. Alone, each copy adds
        // nothing, but together they hold the same share of the front as (1, 2).
        Assert.Equal([1.0, 1.0, 1.0], MotpeSelection.Weights([[2, 1], [2, 1], [1, 2]], exponent: 0.5));
        Assert.Equal([1.0, 1.0, 1.0, 1e-12], MotpeSelection.Weights([[2, 1], [1, 2], [2, 1], [1, 1]], exponent: 1), (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Theory]
    [InlineData(1e200)]
    [InlineData(1e-200)]
    public void WeightsAndSelectionDoNotDependOnTheUnitsOfTheObjectives(double unit)
    {
        double[][] Scaled(double[][] points) => [.. points.Select(p => p.Select(v => v * unit).ToArray())];
        double[][] front = [[2, 1], [1, 2], [1.5, 1.5]];
        double[][] straddling = [[2, 1], [1, 2], [1.9, 1.9], [1.95, 1.2]];

        Assert.Equal(MotpeSelection.GoodIndices(straddling, 2), MotpeSelection.GoodIndices(Scaled(straddling), 2));
        Assert.Equal(MotpeSelection.Weights(front, exponent: 0.5), MotpeSelection.Weights(Scaled(front), exponent: 0.5), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void WeightsAndSelectionOfPointsSpanningTheWholeRangeOfDoublesAreThoseOfTheirUnitPoints()
    {
        // The gains from the reference, up to 2.1 × 1e308, and a reference beyond -1.7e308 overflow a double.
        double[][] Huge(double[][] points, double unit) => [.. points.Select(p => p.Select(v => v * unit).ToArray())];
        double[][] front = [[1, -1], [-1, 1], [0.2, 0.2]];
        double[][] straddling = [[1, -1], [-1, 1], [0.6, 0.6], [0.9, -0.5]];

        Assert.Equal(MotpeSelection.GoodIndices(straddling, 2), MotpeSelection.GoodIndices(Huge(straddling, 1e308), 2));
        Assert.Equal(MotpeSelection.Weights(front, exponent: 0.5), MotpeSelection.Weights(Huge(front, 1e308), exponent: 0.5), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.All(MotpeSelection.Weights(Huge(front, 1.7e308), exponent: 1), w => Assert.InRange(w, 1e-12, 1));
    }

    [Fact]
    public void GoodTrialsAtTheLowestFiniteDoubleInAnObjectiveAreWeighedAndSelectedByTheOthers()
    {
        // Minimising, an objective of double.MaxValue (a penalty, say) is double.MinValue on the higher-is-better scale:
        // a reference at the lowest finite double would lie on the points, and leave them all out of every volume.
        Assert.Equal([1e-12, 1], MotpeSelection.Weights([[double.MinValue, 1], [double.MinValue, 2]], exponent: 1));
        Assert.Equal([2], MotpeSelection.GoodIndices([[double.MinValue, 1, 3], [double.MinValue, 3, 1], [double.MinValue, 2.9, 2.9]], 1));

        // Halving such an objective keeps the unit points of the others as they are.
        double[][] front = [[-1.7e308, 1], [-1e308, 0.5], [-1.2e308, 0.8]];
        double[][] unit = [[-1.7, 1], [-1, 0.5], [-1.2, 0.8]];
        Assert.Equal(MotpeSelection.Weights(unit, exponent: 1), MotpeSelection.Weights(front, exponent: 1), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void ObjectivesAsLargeAsADoubleHoldsDoNotStopAMultiObjectiveStudy()
    {
        // Every trial lies on the front, whose range in each objective, 2 × 1e308, overflows a double.
        var result = new Study(new TpeOptimizer([new RangeHP("x", 0, 1)]), new StudyOptions { Seed = 1, MaxEvaluations = 30, Directions = TwoMinimised })
            .Optimize(Objective.Create(c => new[] { 1e308 * ((2 * c.HyperParameters.GetDouble("x")) - 1), -1e308 * ((2 * c.HyperParameters.GetDouble("x")) - 1) }));

        Assert.Equal(StopReason.BudgetReached, result.StopReason);
        Assert.Equal(30, result.ParetoFront.Count);
    }

    [Fact]
    public void TheSplitOfAStudyPutsTheSelectionOnTheGoodSideAndPendingTrialsOnTheBadSide()
    {
        var observations = Observe(
            [new KernelDimension(Dimension.Real("x", 0, 1), 0)],
            [
                .. Objectives.Select((v, i) => Made(i, TrialState.Complete, v, i / 10.0)),
                Made(6, TrialState.Running, [], 0.6),
                Made(7, TrialState.Failed, [], 0.7),
            ]);
        var split = new TpeSplit(observations, new TpeOptions { GammaFactor = 0.5 });

        var (good, bad) = split.Split([0]) ?? throw new InvalidOperationException("no split");

        Assert.Equal([0, 1, 3], good.Numbers.ToArray());
        Assert.Equal(1.0, good.Weights[0], 1e-12); // X dominates the other good trials, which add nothing
        Assert.Equal(1e-6, good.Weights[1], 1e-15); // the floor 1e-12 to the default exponent 0.5
        Assert.Equal(1e-6, good.Weights[2], 1e-15);
        Assert.Equal([2, 4, 5, 6], bad.Numbers.ToArray());
        Assert.Equal([0.2, 0.4, 0.5, 0.6], bad.Values.ToArray());
    }

    [Fact]
    public void ItsZdt1FrontsBeatARandomSearchAtEqualBudget()
    {
        var space = TestFunctions.Box(4, 0, 1);
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            double HypervolumeOf(string algorithm) => Hypervolume.OfTrials(
                HpoRegistry.Build(algorithm, space, Objective.Create(c => TestFunctions.Zdt1(c.HyperParameters, 4)))
                    .Optimize(options: new StudyOptions { Seed = seed, MaxEvaluations = 150, Directions = TwoMinimised }).ParetoFront,
                TwoMinimised,
                [11, 11]);

            // The true front's hypervolume against (11, 11) is 120 + 2/3; 150 random points leave a gap of 7 to 11, MOTPE a fifth of that or less.
            var (ours, random) = (HypervolumeOf("tpe"), HypervolumeOf("random"));
            Assert.True(120.6667 - ours < 0.35 * (120.6667 - random), $"seed {seed}: tpe {ours} vs random {random}");
        }
    }

    [Fact]
    public void AFreshInstanceGivenTheSameMultiObjectiveHistorySuggestsTheSame()
    {
        var (original, fresh) = ConformanceTests.NextTrialsOfAStudyAndOfAFreshCopy(
            space => new TpeOptimizer(space),
            new StudyOptions { Seed = 5, MaxParallelism = 4, Directions = [Direction.Minimize, Direction.Maximize] },
            asks: 40,
            hps => [TestSpaces.RichObjective(hps), hps.GetDouble("x")]);

        Assert.Equal(original.Params.ToArray(), fresh.Params.ToArray());
    }

    [Fact]
    public void ASeededMultiObjectiveStudyIsReproducible()
    {
        var space = TestFunctions.Box(3, 0, 1);
        StudyResult Run(int evaluations) => new Study(new TpeOptimizer(space), new StudyOptions { Seed = 9, MaxEvaluations = evaluations, Directions = TwoMinimised })
            .Optimize(Objective.Create(c => TestFunctions.Zdt1(c.HyperParameters, 3)));

        Assert.Equal(Run(40).Trials.Select(t => t.Params.ToArray()), Run(40).Trials.Select(t => t.Params.ToArray()));
    }

    private static Trial Made(int number, TrialState state, double[] values, params double[] parameters) => new()
    {
        Number = number,
        State = state,
        Params = [.. parameters],
        Values = [.. values],
    };

    /// <summary>The observations of <paramref name="trials"/> in a study maximising two objectives.</summary>
    private static TpeObservations Observe(KernelDimension[] dimensions, Trial[] trials)
    {
        var observations = new TpeObservations(dimensions);
        observations.Refresh(new TrialHistory(trials, [Direction.Maximize, Direction.Maximize]));
        return observations;
    }

    /// <summary><paramref name="count"/> distinct points with coordinates of at least 1 that sum to <paramref name="total"/>.</summary>
    private static double[][] LatticeFront(RandomStream rng, int m, int total, int count)
    {
        var points = new List<double[]>();
        while (points.Count < count)
        {
            var a = 1 + rng.NextInt(total - m);
            double[] point = m == 2 ? [a, total - a] : [a, 1 + rng.NextInt(total - a - 1), 0];
            point[m - 1] = total - point.Take(m - 1).Sum();
            if (point[m - 1] >= 1 && !points.Any(p => p.SequenceEqual(point)))
            {
                points.Add(point);
            }
        }

        return [.. points];
    }
}
