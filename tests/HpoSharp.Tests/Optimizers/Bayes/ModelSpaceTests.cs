using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Tests.Optimizers.Bayes;

public sealed class ModelSpaceTests
{
    [Fact]
    public void IntegerAndSteppedCoordinatesSnapToTheCentresOfTheirCells()
    {
        var space = new ModelSpace([new IntRangeHP("n", 1, 3), new RangeHP("s", -1, 1, step: 0.5)]);

        Assert.Equal(0.5, space.Snap(0, 0.51), 15);
        Assert.Equal(1.0 / 6, space.Snap(0, 0.1), 15);
        Assert.Equal(5.0 / 6, space.Snap(0, 1.3), 15);
        Assert.Equal(0.9, space.Snap(1, 0.95), 15);
        Assert.Equal(0.1, space.Snap(1, -0.2), 15);
        Assert.Equal(5.0 / 6, space.ValueAt(0, 2), 15);
        Assert.Equal(0.5, space.ValueAt(1, 2), 15);
        Assert.Equal(2, space.IndexOf(0, 5.0 / 6));
        Assert.Equal(3, space.IndexOf(1, 0.7));
    }

    [Fact]
    public void TheDiscreteSearchFindsTheBestIntegerAndChoiceFromASingleCandidate()
    {
        var space = new ModelSpace([new IntRangeHP("n", 1, 9), new ChoiceHP("c", "a", "b", "c")]);
        (int N, int C)[] observed = [(1, 0), (3, 1), (5, 2), (8, 0), (9, 1), (6, 0), (2, 2)];
        var points = observed.SelectMany(o => new[] { space.ValueAt(0, o.N - 1), o.C }).ToArray();
        var values = observed.Select(o => (-Math.Pow(o.N - 6, 2) / 10) + (o.C == 2 ? 0.5 : 0)).ToArray();
        var process = new GaussianProcess(new MaternKernel(space.Categorical, new KernelParameters([4, 1], 1, 1e-6)), points, values);
        var acquisition = new LogExpectedImprovement(process, values.Max());
        var best = (from n in Enumerable.Range(0, 9) from c in Enumerable.Range(0, 3) select new[] { space.ValueAt(0, n), c })
            .MaxBy(x => acquisition.Value(x))!;

        // Whichever point the single candidate is, the search over each discrete coordinate reaches the best.
        foreach (var seed in new ulong[] { 1, 2, 3, 4 })
        {
            var (latent, value) = new AcquisitionOptimizer(space, acquisition) { Candidates = 1 }.Maximize([], new RandomStream(seed));

            Assert.Equal(best, latent);
            Assert.Equal(acquisition.Value(best), value, 12);
        }
    }
}
