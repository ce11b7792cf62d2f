using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers;

public sealed class GridOptimizerTests
{
    private static SearchSpace Svm() =>
    [
        new ChoiceHP("kernel", "linear", "poly", "rbf"),
        new IntRangeHP("degree", 2, 3) { ActiveWhen = new HPCondition("kernel", "poly") },
        new LogRangeHP("gamma", 1e-2, 1) { ActiveWhen = new HPCondition("kernel", "poly", "rbf") },
        new ChoiceHP("C", 0.1, 1.0),
    ];

    private static readonly string[] Expected =
    [
        .. new[] { "C=0.1", "C=1" }.Select(c => $"kernel=linear, {c}"),
        .. from d in new[] { 2, 3 } from g in new[] { "0.01", "0.1", "1" } from c in new[] { "C=0.1", "C=1" } select $"kernel=poly, degree={d}, gamma={g}, {c}",
        .. from g in new[] { "0.01", "0.1", "1" } from c in new[] { "C=0.1", "C=1" } select $"kernel=rbf, gamma={g}, {c}",
    ];

    [Fact]
    public void EnumeratesExactlyTheValidCombinationsThenStops()
    {
        var result = Run(workers: 1, shuffle: false);
        Assert.Equal(StopReason.Exhausted, result.StopReason);
        Assert.Equal(Expected.Order(), result.Trials.Select(t => result.HyperParametersOf(t).ToString()).Order());
        Assert.Equal(20, new GridPoints(Svm(), 3).Count);
    }

    [Fact]
    public void FourWorkersNeverEvaluateAConfigurationTwice()
    {
        var result = Run(workers: 4, shuffle: true);
        var configurations = result.Trials.Select(t => result.HyperParametersOf(t).ToString()).ToList();
        Assert.Equal(20, configurations.Count);
        Assert.Equal(Expected.Order(), configurations.Order());
        Assert.True(result.Trials.Select(t => t.Worker).Distinct().Count() > 1);
    }

    [Fact]
    public void ShufflingChangesTheOrderButNotTheSet()
    {
        var ordered = Run(workers: 1, shuffle: false).Trials.Select(t => t.Params.ToArray()).ToList();
        var shuffled = Run(workers: 1, shuffle: true).Trials.Select(t => t.Params.ToArray()).ToList();
        Assert.NotEqual(ordered, shuffled);
        Assert.Equal(ordered.Select(p => string.Join(",", p)).Order(), shuffled.Select(p => string.Join(",", p)).Order());
    }

    [Fact]
    public void SkipsConfigurationsAlreadyInTheStudy()
    {
        var study = new Study(new GridOptimizer(Svm(), new GridOptions { PointsPerDimension = 3 }), new StudyOptions { Seed = 4, MaxEvaluations = null });
        study.Enqueue(new Dictionary<string, object?> { ["kernel"] = "rbf", ["gamma"] = 0.1, ["C"] = 1.0 });
        study.AddTrial(new Dictionary<string, object?> { ["kernel"] = "linear", ["C"] = 0.1 }, 1.0);
        var result = study.Optimize((_, _) => 0.0);
        Assert.Equal(20, result.Trials.Count);
        Assert.Equal(20, result.Trials.Select(t => result.HyperParametersOf(t).ToString()).Distinct().Count());
    }

    [Fact]
    public void DiscretisesRangesOnTheirScale()
    {
        Assert.Equal([0.001, 0.01, 0.1, 1], GridPoints.ValuesOf(Dimension.Real("lr", 1e-3, 1, log: true), 4));
        Assert.Equal([0, 2.5, 5, 7.5, 10], GridPoints.ValuesOf(Dimension.Real("x", 0, 10), 5));
        Assert.Equal([1, 2, 3], GridPoints.ValuesOf(Dimension.Integer("n", 1, 3), 5));
        Assert.Equal([1, 3, 5, 8, 10], GridPoints.ValuesOf(Dimension.Integer("n", 1, 10), 5));
        Assert.Equal([0, 0.1, 0.2], GridPoints.ValuesOf(Dimension.Real("d", 0, 0.2, step: 0.1), 5));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], GridPoints.ValuesOf(Dimension.Categorical("c", 7), 2));
    }

    [Fact]
    public void RangesFarFromZeroKeepEveryPointAndBothBounds()
    {
        // Rounding to 15 significant digits would merge these points into the lower bound.
        Assert.Equal([1e15, 1e15 + 1, 1e15 + 2, 1e15 + 3, 1e15 + 4], GridPoints.ValuesOf(Dimension.Real("t", 1e15, 1e15 + 4), 5));
        var narrow = GridPoints.ValuesOf(Dimension.Real("t", 1e9, 1e9 + 1e-5), 5);
        Assert.Equal(5, narrow.Length);
        Assert.Equal((1e9, 1e9 + 1e-5), (narrow[0], narrow[^1]));
        Assert.Equal(1_000_000_000_000_003, GridPoints.ValuesOf(Dimension.Integer("n", 0, 1_000_000_000_000_003), 5)[^1]);
    }

    [Fact]
    public void OnePointPerDimensionIsTheMiddleOfTheRangeOnItsScale()
    {
        Assert.Equal([5], GridPoints.ValuesOf(Dimension.Real("x", 0, 10), 1));
        Assert.Equal([0.1], GridPoints.ValuesOf(Dimension.Real("lr", 1e-3, 10, log: true), 1));
        Assert.Equal([5], GridPoints.ValuesOf(Dimension.Integer("n", 1, 9), 1));
    }

    [Fact]
    public void AGridTooLargeToNumberIsRefused()
    {
        var space = new SearchSpace(Enumerable.Range(0, 50).Select(i => new RangeHP($"x{i}", 0, 1)));
        var error = Assert.Throws<ArgumentException>(() => new GridOptimizer(space));
        Assert.Contains("(50 dimensions, 5 points on each real one) has more than 9223372036854775807 points", error.Message);
    }

    [Fact]
    public void OptionsAreValidated()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HpoRegistry.Build("grid", Svm(), options: new GridOptions { PointsPerDimension = 0 }));
        Assert.Contains("GridOptions.PointsPerDimension is 0; expected from 1 to 1000000", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => HpoRegistry.Build("grid", Svm(), options: new GridOptions { PointsPerDimension = GridOptions.MaxPointsPerDimension + 1 }));
        Assert.Equal(GridOptions.MaxPointsPerDimension, new GridOptimizer([new RangeHP("x", 0, 1)], new GridOptions { PointsPerDimension = GridOptions.MaxPointsPerDimension }).Points.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(GridOptions.MaxPointsPerDimension + 1)]
    [InlineData(int.MaxValue)]
    public void AGridOfPointsPerDimensionOutsideTheOptionsLimitsIsRefusedByName(int points)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GridPoints([new RangeHP("x", 0, 1)], points));

        Assert.Equal("pointsPerDimension", error.ParamName);
        Assert.Contains(FormattableString.Invariant($"is {points}; expected from 1 to 1000000"), error.Message);
        Assert.Equal("points", Assert.Throws<ArgumentOutOfRangeException>(() => GridPoints.ValuesOf(Dimension.Real("x", 0, 1), points)).ParamName);
    }

    [Fact]
    public void APermutationVisitsEveryIndexOnce()
    {
        foreach (var count in new long[] { 1, 2, 3, 17, 1000 })
        {
            var permutation = new IndexPermutation(count, new RandomStream(8));
            Assert.Equal(Enumerable.Range(0, (int)count).Select(i => (long)i), Enumerable.Range(0, (int)count).Select(i => permutation[i]).Order());
        }
    }

    [Fact]
    public void WithoutShufflingTheGridIsVisitedInIndexOrder()
    {
        var optimizer = new GridOptimizer(Svm(), new GridOptions { PointsPerDimension = 3, Shuffle = false });
        var result = new Study(optimizer, new StudyOptions { Seed = 4, MaxEvaluations = null }).Optimize((_, _) => 0.0);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => optimizer.Points[i]), result.Trials.Select(t => t.Params.ToArray()));
    }

    [Fact]
    public void TheShuffledOrderDependsOnTheSeed()
    {
        List<string> Order(ulong seed) => [.. new Study(new GridOptimizer(Svm(), new GridOptions { PointsPerDimension = 3 }), new StudyOptions { Seed = seed, MaxEvaluations = null })
            .Optimize((_, _) => 0.0).Trials.Select(t => string.Join(",", t.Params))];

        var (first, second) = (Order(4), Order(5));
        Assert.Equal(first, Order(4));
        Assert.NotEqual(first, second);
        Assert.Equal(first.Order(), second.Order());
    }

    [Fact]
    public void ADiscreteDimensionWithAsManyValuesAsPointsTakesEachOfThem()
    {
        Assert.Equal([1, 2, 3, 4, 5], GridPoints.ValuesOf(Dimension.Integer("n", 1, 5, log: true), 5));
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], GridPoints.ValuesOf(Dimension.Real("d", 0, 1, step: 0.25), 5));
    }

    [Fact]
    public void LogSpacedIntegersThatRoundToTheSameValueAppearOnce()
    {
        var values = GridPoints.ValuesOf(Dimension.Integer("n", 1, 6, log: true), 5);

        Assert.Equal(values.Distinct(), values);
        Assert.Equal(4, new GridPoints([new IntRangeHP("n", 1, 6, log: true)], 5).Count);
    }

    [Fact]
    public void AGridWhoseConditionalBlocksTogetherExceedTheLimitIsRefused()
    {
        // Each branch alone has 5^27 (about 7.5e18) points; the two together pass 2^63.
        var space = new SearchSpace(
        [
            new ChoiceHP("branch", "a", "b"),
            .. Enumerable.Range(0, 27).Select(i => new RangeHP($"a{i}", 0, 1) { ActiveWhen = new HPCondition("branch", "a") }),
            .. Enumerable.Range(0, 27).Select(i => new RangeHP($"b{i}", 0, 1) { ActiveWhen = new HPCondition("branch", "b") }),
        ]);

        var error = Assert.Throws<ArgumentException>(() => new GridOptimizer(space));
        Assert.Contains("has more than 9223372036854775807 points", error.Message);
    }

    private static StudyResult Run(int workers, bool shuffle) =>
        new Study(new GridOptimizer(Svm(), new GridOptions { PointsPerDimension = 3, Shuffle = shuffle }), new StudyOptions { Seed = 4, MaxEvaluations = null, MaxParallelism = workers })
            .Optimize((hps, _) =>
            {
                Thread.Sleep(2);
                return hps.GetString("kernel").Length;
            });

    [Fact]
    public void AGridWithTooManyConditionalBranchesIsRefusedRatherThanListed()
    {
        static SearchSpace Switches(int count) => new(Enumerable.Range(0, count).SelectMany(i => new HPSpace[]
        {
            new ChoiceHP($"use{i}", "on", "off"),
            new RangeHP($"x{i}", 0, 1) { ActiveWhen = new HPCondition($"use{i}", "on") },
        }));

        var error = Assert.Throws<ArgumentException>(() => new GridOptimizer(Switches(17), new GridOptions { PointsPerDimension = 2 }));

        Assert.StartsWith($"The grid of this search space has more than {GridPoints.MaxBlocks} branches", error.Message);
        Assert.Equal("space", error.ParamName);
        Assert.Equal(43_046_721, new GridOptimizer(Switches(16), new GridOptions { PointsPerDimension = 2 }).Points.Count);
    }
}
