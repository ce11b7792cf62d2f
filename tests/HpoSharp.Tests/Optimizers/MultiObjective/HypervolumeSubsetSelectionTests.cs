using HpoSharp.Optimizers.MultiObjective;

namespace HpoSharp.Tests.Optimizers.MultiObjective;

public sealed class HypervolumeSubsetSelectionTests
{
    // Against the origin: boxes A 5, B 4, C 9, D 4 (D is dominated by C).
    private static readonly double[][] Points = [[5, 1], [1, 4], [3, 3], [2, 2]];

    [Fact]
    public void EachStepTakesThePointThatAddsTheMostHypervolume()
    {
        // C first (9); then A adds 5 - 3 = 2 and B adds 4 - 3 = 1; then B adds 1 and D nothing.
        Assert.Equal([2, 0, 1], HypervolumeSubsetSelection.Greedy(Points, 3, [0, 0]));
        Assert.Equal([2], HypervolumeSubsetSelection.Greedy(Points, 1, [0, 0]));
        Assert.Empty(HypervolumeSubsetSelection.Greedy(Points, 0, [0, 0]));
    }

    [Fact]
    public void InThreeObjectivesTheGainsAreExactToo()
    {
        // Boxes 8, 6, 6, 1; after the first, the second adds 6 - 4 = 2, the third 6 - 4 = 2 (tie: smaller index), then 1.
        double[][] points = [[2, 2, 2], [3, 1, 2], [1, 3, 2], [1, 1, 1]];
        Assert.Equal([0, 1, 2], HypervolumeSubsetSelection.Greedy(points, 3, [0, 0, 0]));
    }

    [Fact]
    public void ACountOutOfRangeIsRefusedByName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HypervolumeSubsetSelection.Greedy(Points, 5, [0, 0]));
        Assert.Equal("count", error.ParamName);
        Assert.Contains("from 0 to the number of points, 4", error.Message);
    }
}
