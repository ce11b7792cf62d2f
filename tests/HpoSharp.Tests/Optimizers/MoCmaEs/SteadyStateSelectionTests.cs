using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.MoCmaEs;

public sealed class SteadyStateSelectionTests
{
    [Fact]
    public void DropsTheOnlyPointOfTheWorstLevel()
    {
        var (ranks, drop) = SteadyStateSelection.Select([[1, 3], [2, 2], [3, 1], [1, 1]], [0, 1, 2, 3]);
        Assert.Equal([0, 0, 0, 1], ranks);
        Assert.Equal(3, drop);
    }

    [Fact]
    public void DropsTheSmallestContributorButKeepsTheExtremes()
    {
        // (1, 4) and (4, 1) are extremes; (2, 3.1) adds less than (3, 2.5) (they are compared with the level's nadir).
        var (_, drop) = SteadyStateSelection.Select([[1, 4], [2, 3.1], [3, 2.5], [4, 1]], [0, 1, 2, 3]);
        Assert.Equal(1, drop);
    }

    [Fact]
    public void WithOneObjectiveDropsTheWorstAndTheOldestAmongEquals()
    {
        Assert.Equal(2, SteadyStateSelection.Select([[5], [7], [1], [3]], [0, 1, 2, 3]).Drop);
        Assert.Equal(3, SteadyStateSelection.Select([[5], [1], [7], [1]], [9, 8, 7, 6]).Drop);
    }
}
