using HpoSharp.Bench.Metrics;
using HpoSharp.Bench.Problems;
using HpoSharp.Space;

namespace HpoSharp.Tests.Bench;

public sealed class HypervolumeTests
{
    [Fact]
    public void TwoAndThreeObjectivesMatchHandComputedVolumes()
    {
        Assert.Equal(3, Hypervolume.Of([[1, 2], [2, 1], [2.5, 2.5]], [3.0, 3]), 12);
        Assert.Equal(0, Hypervolume.Of([[3, 1]], [3.0, 3]));
        Assert.Equal(1, Hypervolume.Of([[0, 0, 0]], [1.0, 1, 1]), 12);
        Assert.Equal(0.625, Hypervolume.Of([[0, 0, 0.5], [0.5, 0.5, 0]], [1.0, 1, 1]), 12);
        Assert.Throws<ArgumentException>(() => Hypervolume.Of([[0, 0, 0, 0]], [1.0, 1, 1, 1]));
    }

    [Theory]
    [InlineData("zdt1-8d")]
    [InlineData("zdt2-8d")]
    [InlineData("dtlz2-3obj-7d")]
    [InlineData("dtlz1-3obj-7d")]
    public void TheStatedFrontVolumeIsReachedByPointsOnTheFront(string name)
    {
        var problem = ProblemCatalog.Get(name);
        var instance = problem.Create(0);
        var shiftFinder = new SearchSpace(instance.Space);
        var points = FrontPoints(problem, instance, shiftFinder).ToList();

        var volume = Hypervolume.Of(points, instance.ReferencePoint!);

        // The grid's staircase leaves out a sliver of what the front dominates, a share of the part of the reference box
        // that the front does not dominate: under 0.2% with 2,001 points on a curve, under 5% with 61 x 61 on a surface.
        var undominated = instance.ReferencePoint!.Aggregate(1.0, (product, r) => product * r) - instance.FrontHypervolume;
        Assert.InRange(volume, instance.FrontHypervolume - ((problem.Objectives == 2 ? 2e-3 : 5e-2) * undominated), instance.FrontHypervolume + 1e-9);
    }

    /// <summary>Points of the Pareto set: position variables on a grid, distance variables at the seeded optimum found by a coordinate search.</summary>
    private static IEnumerable<double[]> FrontPoints(Problem problem, ProblemInstance instance, SearchSpace space)
    {
        var n = space.Dimensions.Count;
        var positions = problem.Objectives - 1;
        var x = Enumerable.Repeat(0.5, n).ToArray();
        for (var i = positions; i < n; i++)
        {
            x[i] = Enumerable.Range(0, 10_001).Select(k => k / 10_000.0).MinBy(v =>
            {
                var y = (double[])x.Clone();
                y[i] = v;
                return instance.Evaluate(space.Decode(y)).Sum();
            });
        }

        var steps = problem.Objectives == 2 ? 2000 : 60;
        foreach (var grid in Enumerable.Range(0, (int)Math.Pow(steps + 1, positions)))
        {
            var y = (double[])x.Clone();
            y[0] = grid % (steps + 1) / (double)steps;
            if (positions == 2)
            {
                y[1] = grid / (steps + 1) / (double)steps;
            }

            yield return instance.Evaluate(space.Decode(y));
        }
    }
}
