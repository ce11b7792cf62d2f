using HpoSharp.Bench.Problems;
using HpoSharp.Bench.Problems.RealData;
using HpoSharp.Bench.Problems.Synthetic;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Tests.Bench;

public sealed class ProblemsTests
{
    public static TheoryData<string> SyntheticSingleObjective() =>
        [.. ProblemCatalog.All.Where(p => !p.IsMultiObjective && p.Family != "real-data").Select(p => p.Name)];

    [Fact]
    public void TheCatalogHasBothHalvesAndUniqueNames()
    {
        var single = ProblemCatalog.All.Where(p => !p.IsMultiObjective).ToList();

        Assert.True(single.Count >= 24);
        Assert.Equal(single.Count(p => p.Half == SuiteHalf.Tuning), single.Count(p => p.Half == SuiteHalf.HeldOut));
        Assert.Equal(ProblemCatalog.All.Count, ProblemCatalog.All.Select(p => p.Name).Distinct().Count());
        Assert.All(ProblemCatalog.QuickNames, n => ProblemCatalog.Get(n));
        Assert.Contains("Known problems", Assert.Throws<ArgumentException>(() => ProblemCatalog.Get("nope")).Message);
    }

    [Theory]
    [MemberData(nameof(SyntheticSingleObjective))]
    public void NoConfigurationBeatsTheKnownOptimum(string name)
    {
        var problem = ProblemCatalog.Get(name);
        var instance = problem.Create(3);
        var space = new SearchSpace(instance.Space);
        var rng = new RandomStream(1, 2);
        var values = Enumerable.Range(0, 300).Select(_ => instance.Evaluate(space.Decode(RandomOptimizer.Sample(space, rng)))[0]).ToList();

        Assert.All(values, v => Assert.True(v >= instance.Optimum - 1e-9, $"{name}: {v} < f* = {instance.Optimum}"));
        Assert.Equal(values[0], problem.Create(3).Evaluate(space.Decode(RandomOptimizer.Sample(space, new RandomStream(1, 2))))[0]);
    }

    [Fact]
    public void TheChainOptimumIsTheBruteForceMinimum()
    {
        var instance = ProblemCatalog.Get("categorical-chain-8d").Create(5);
        var space = new SearchSpace(instance.Space);
        var counts = space.Dimensions.Select(d => d.Count).ToArray();
        var best = double.PositiveInfinity;
        var x = new double[counts.Length];
        for (long index = 0, total = counts.Aggregate(1L, (a, c) => a * c); index < total; index++)
        {
            var rest = index;
            for (var i = 0; i < counts.Length; i++)
            {
                x[i] = rest % counts[i];
                rest /= counts[i];
            }

            best = Math.Min(best, instance.Evaluate(space.Decode(x))[0]);
        }

        Assert.Equal(best, instance.Optimum, 12);
    }

    [Theory]
    [InlineData("integer-blocks-6d", new[] { 0, 0, 1, 1, 2, 2 })]
    [InlineData("stepped-5d", new[] { 0, 0, 1, 1, 2 })]
    public void TheDiscreteOptimumIsReachedByTryingEveryValueOfEachBlock(string name, int[] blockOf)
    {
        var instance = ProblemCatalog.Get(name).Create(3);
        var space = new SearchSpace(instance.Space);
        var levels = space.Dimensions.Select(d => Enumerable.Range(0, (int)d.Cardinality).Select(k => d.Low + (k * d.Step)).ToArray()).ToArray();
        var x = levels.Select(l => l[0]).ToArray();
        double Value(double[] point) => instance.Evaluate(space.Decode(point))[0];

        // The blocks add up, so the best values of each block, the others held anywhere, make the optimum.
        foreach (var block in blockOf.Distinct())
        {
            var members = Enumerable.Range(0, blockOf.Length).Where(i => blockOf[i] == block).ToArray();
            var combinations = members.Aggregate(new[] { Array.Empty<double>() }.AsEnumerable(), (partial, i) => partial.SelectMany(p => levels[i].Select(v => (double[])[.. p, v])));
            var best = combinations.MinBy(values =>
            {
                var y = (double[])x.Clone();
                for (var j = 0; j < members.Length; j++)
                {
                    y[members[j]] = values[j];
                }

                return Value(y);
            })!;
            for (var j = 0; j < members.Length; j++)
            {
                x[members[j]] = best[j];
            }
        }

        Assert.Equal(instance.Optimum, Value(x), 9);
    }

    [Fact]
    public void AUnitQuadraticIsZeroAtItsOptimumAndPositiveElsewhere()
    {
        HPSpace[] space = [new LogRangeHP("lr", 1e-5, 1), new IntRangeHP("n", 10, 2000, log: true), new RangeHP("s", 0, 1, step: 0.1)];
        var quadratic = new UnitQuadratic(space, new RandomStream(4, 4), Term.Pair(2, "lr", "n", 1), Term.Of(1, "s"));
        var optimum = new HyperParameters(space.Select(p => KeyValuePair.Create(p.Name, (object)quadratic.OptimumOf(p.Name))));

        Assert.Equal(0, quadratic.Value(optimum), 12);
        var shifted = new HyperParameters([KeyValuePair.Create("lr", (object)(quadratic.OptimumOf("lr") * 2)), KeyValuePair.Create("n", (object)quadratic.OptimumOf("n")), KeyValuePair.Create("s", (object)quadratic.OptimumOf("s"))]);
        Assert.True(quadratic.Value(shifted) > 0);
        Assert.Equal(0, quadratic.OptimumOf("n") % 1);
    }

    [Fact]
    public void NoiseIsSeededPerTrialAndLeavesTheTruthAlone()
    {
        var instance = ProblemCatalog.Get("noisy-log-lr-decay-2d").Create(0);
        var hps = new HyperParameters([KeyValuePair.Create("lr", (object)1e-3), KeyValuePair.Create("decay", (object)1e-4)]);

        var (observed, truth) = instance.Observe(hps, 0, 3);

        Assert.Equal(instance.Evaluate(hps), truth);
        Assert.NotEqual(truth[0], observed[0]);
        Assert.Equal(observed, instance.Observe(hps, 0, 3).Observed);
        Assert.NotEqual(observed, instance.Observe(hps, 0, 4).Observed);
    }

    [Fact]
    public void TheRealDatasetsLoadWithTheirKnownShapes()
    {
        Assert.Equal((569, 30, 2), (Dataset.BreastCancer.Count, Dataset.BreastCancer.X[0].Length, Dataset.BreastCancer.Classes));
        Assert.Equal((178, 13, 3), (Dataset.Wine.Count, Dataset.Wine.X[0].Length, Dataset.Wine.Classes));
        Assert.Equal((442, 10), (Dataset.Diabetes.Count, Dataset.Diabetes.X[0].Length));
        Assert.Equal(151, Dataset.Diabetes.Y[0]);
    }

    [Fact]
    public void RealTasksAreDeterministicAndLearn()
    {
        var knn = ProblemCatalog.Get("real-knn-wine").Create(0);
        HyperParameters Knn(int k, string scaling) => new([KeyValuePair.Create("k", (object)k), KeyValuePair.Create("p", (object)2.0), KeyValuePair.Create("weights", (object)"uniform"), KeyValuePair.Create("scaling", (object)scaling)]);

        Assert.Equal(knn.Evaluate(Knn(10, "standard")), knn.Evaluate(Knn(10, "standard")));
        Assert.True(knn.Evaluate(Knn(10, "standard"))[0] < knn.Evaluate(Knn(10, "none"))[0], "standardised features should beat raw ones on wine");
        Assert.True(knn.Evaluate(Knn(10, "standard"))[0] < Math.Log(3), "better than a uniform guess");
    }
}
