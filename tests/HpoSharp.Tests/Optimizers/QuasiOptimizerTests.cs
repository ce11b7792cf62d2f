using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers;

public sealed class QuasiOptimizerTests
{
    [Theory]
    [InlineData(256)]
    [InlineData(1024)]
    public void HasLowerDiscrepancyThanRandom(int points)
    {
        ulong[] seeds = [1, 2, 3, 4, 5];
        var quasi = seeds.Max(seed => Stats.L2StarDiscrepancy(Points("quasi", points, dimensions: 4, seed)));
        var random = seeds.Min(seed => Stats.L2StarDiscrepancy(Points("random", points, dimensions: 4, seed)));
        Assert.True(quasi < random, $"worst quasi {quasi}, best random {random}");
    }

    [Fact]
    public void EveryPowerOfTwoBlockIsStratifiedInEachDimensionEvenWithFailuresAndEnqueuedTrials()
    {
        var space = UnitSpace(5);
        var study = new Study(HpoRegistry.Build("quasi", space), new StudyOptions { Seed = 9, MaxEvaluations = 140 });
        for (var i = 0; i < 12; i++)
        {
            study.Enqueue(space.Declared.ToDictionary(p => p.Name, _ => (object?)0.5));
        }

        study.Optimize(Objective.Create(c => c.Number % 3 == 0 ? throw new InvalidOperationException("fails") : 1.0));
        var suggested = study.Trials.Where(t => t.Origin == TrialOrigin.Suggested).ToList();
        Assert.Equal(128, suggested.Count);
        Assert.Equal(Enumerable.Range(0, 128).Select(i => (long)i), suggested.Select(t => (long)t.SystemAttributes[QuasiOptimizer.IndexAttribute]));
        Assert.Contains(suggested, t => t.State == TrialState.Failed);
        foreach (var block in new[] { 32, 64, 128 })
        {
            for (var d = 0; d < 5; d++)
            {
                var cells = suggested.Take(block).Select(t => (int)Math.Floor(t.Params[d] * block)).Distinct().Count();
                Assert.Equal(block, cells);
            }
        }
    }

    [Fact]
    public void DifferentSeedsScrambleDifferentlyAndTheUnscrambledSequenceStartsAtTheOrigin()
    {
        Assert.NotEqual(Points("quasi", 4, 2, seed: 1)[1], Points("quasi", 4, 2, seed: 2)[1]);
        var plain = new SobolSequence(3);
        var x = new double[3];
        plain.Point(0, x);
        Assert.Equal([0.0, 0.0, 0.0], x);
        plain.Point(1, x);
        Assert.Equal([0.5, 0.5, 0.5], x);
        plain.Point(2, x);
        Assert.Equal([0.25, 0.75, 0.75], x);
        plain.Point(3, x);
        Assert.Equal([0.75, 0.25, 0.25], x);
    }

    [Fact]
    public void WithoutScramblingTheOptimizerSuggestsTheTextbookSobolPoints()
    {
        var points = Points("quasi", 4, 2, seed: 1, new QuasiOptions { Scramble = false });

        Assert.Equal([[0.0, 0.0], [0.5, 0.5], [0.25, 0.75], [0.75, 0.25]], points);
    }

    [Theory]
    [InlineData("quasi")]
    [InlineData("bayes")]
    public void SobolBasedAlgorithmsRefuseSpacesBeyondTheTableByName(string algorithm)
    {
        SearchSpace space = new(Enumerable.Range(0, SobolSequence.MaxDimensions + 1).Select(d => (HPSpace)new RangeHP($"x{d}", 0, 1)));
        var error = Assert.Throws<ArgumentException>(() => HpoRegistry.Build(algorithm, space));
        Assert.Equal("space", error.ParamName);
        Assert.StartsWith($"{algorithm} supports up to 4096 dimensions; this search space has 4097.", error.Message);
    }

    [Fact]
    public void CoversThousandsOfDimensions()
    {
        var sobol = new SobolSequence(SobolSequence.MaxDimensions, new RandomStream(1));
        var x = new double[SobolSequence.MaxDimensions];
        var cells = new HashSet<int>[SobolSequence.MaxDimensions];
        for (var d = 0; d < cells.Length; d++)
        {
            cells[d] = [];
        }

        for (var i = 0; i < 16; i++)
        {
            sobol.Point(i, x);
            for (var d = 0; d < x.Length; d++)
            {
                cells[d].Add((int)(x[d] * 16));
            }
        }

        Assert.All(cells, c => Assert.Equal(16, c.Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SobolSequence(SobolSequence.MaxDimensions + 1));
    }

    [Fact]
    public void ASpaceOfExactlyTheTablesDimensionsIsAccepted()
    {
        SearchSpace space = new(Enumerable.Range(0, SobolSequence.MaxDimensions).Select(d => (HPSpace)new RangeHP($"x{d}", 0, 1)));
        var study = new Study(HpoRegistry.Build("quasi", space), new StudyOptions { Seed = 3 });

        Assert.Equal(SobolSequence.MaxDimensions, study.Ask().HyperParameters.Count);
    }

    [Fact]
    public void ASpaceOfOnlyFixedValuesIsSuggestedRepeatedly()
    {
        var result = HpoRegistry.Build("quasi", [new FixedHP("epochs", 3)], (hps, _) => hps.GetInt("epochs"))
            .Optimize(options: new StudyOptions { Seed = 1, MaxEvaluations = 4 });

        Assert.Equal(4, result.Trials.Count(t => t.State == TrialState.Complete));
        Assert.All(result.Trials, t => Assert.Empty(t.Params));
    }

    private static SearchSpace UnitSpace(int dimensions) => new(Enumerable.Range(0, dimensions).Select(i => new RangeHP($"x{i}", 0, 1)));

    private static List<double[]> Points(string algorithm, int count, int dimensions, ulong seed, OptimizerOptions? options = null) =>
        [.. HpoRegistry.Build(algorithm, UnitSpace(dimensions), (_, _) => 0.0, options)
            .Optimize(options: new StudyOptions { Seed = seed, MaxEvaluations = count })
            .Trials.Select(t => t.Params.ToArray())];
}
