using HpoSharp.Optimizers;
using HpoSharp.Optimizers.MultiObjective;

namespace HpoSharp.Tests.Optimizers.MoCmaEs;

public sealed class SelectionOrderTests
{
    [Fact]
    public void TheWorstIsTheOnlyPointOfTheWorstLevel()
    {
        var order = new SelectionOrder([[1, 3], [2, 2], [3, 1], [1, 1]], [0, 1, 2, 3]);
        Assert.Equal([0, 0, 0, 1], order.Ranks);
        Assert.Equal(3, order.Worst());
        Assert.True(order.Better(1, 3));
        Assert.False(order.Better(3, 1));
    }

    [Fact]
    public void WithinALevelExtremesComeFirstThenLargerContributions()
    {
        // (1, 4) and (4, 1) are extremes; (2, 3.1) adds less than (3, 2.5) (they are compared with the level's nadir).
        var order = new SelectionOrder([[1, 4], [2, 3.1], [3, 2.5], [4, 1]], [0, 1, 2, 3]);
        Assert.Equal(1, order.Worst());
        Assert.True(order.Better(2, 1));
        Assert.True(order.Better(0, 2));
        Assert.True(order.Better(3, 2));
    }

    [Fact]
    public void InThreeObjectivesTheReferenceMarginDecidesBetweenPointsThatAreNotExtremes()
    {
        // (3, 3, 0) and (2, 2, 1) are best in no objective. The first has the level's worst third value: what only it covers
        // reaches down to the reference, a tenth of the range below that value, and adds 1.5; the second adds 1.
        var order = new SelectionOrder([[4, 1, 4], [0, 3, 5], [1, 4, 1], [3, 3, 0], [2, 2, 1]], [0, 1, 2, 3, 4]);
        Assert.Equal(4, order.Worst());
        Assert.True(order.Better(3, 4));
    }

    [Fact]
    public void InThreeObjectivesAnExtremeIsAPointBestInSomeObjectiveNotWorst()
    {
        // (1, 4, 1) is best in the second objective; (3, 3, 0) is best in none, though worst in the third.
        var order = new SelectionOrder([[4, 1, 4], [0, 3, 5], [1, 4, 1], [3, 3, 0], [2, 2, 1]], [0, 1, 2, 3, 4]);
        Assert.True(order.Better(2, 3));
        Assert.False(order.Better(3, 2));
    }

    [Fact]
    public void WhenALevelIsFlatInOneObjectiveTheOtherObjectivesStillDecide()
    {
        // Every point has the level's best (and worst) third value, so all are extremes; the reference still lies just
        // below that value, and the contributions are those of the first two objectives: (1, 4, 5) adds the least.
        var order = new SelectionOrder([[4, 1, 5], [1, 4, 5], [2, 3.1, 5], [3, 2.5, 5]], [0, 1, 2, 3]);
        Assert.Equal(1, order.Worst());
        Assert.True(order.Better(0, 1));
        Assert.True(order.Better(2, 0));
    }

    [Fact]
    public void WithOneObjectiveItOrdersByValueAndTheYoungerAmongEquals()
    {
        Assert.Equal(2, new SelectionOrder([[5], [7], [1], [3]], [0, 1, 2, 3]).Worst());
        var ties = new SelectionOrder([[5], [1], [7], [1]], [9, 8, 7, 6]);
        Assert.Equal(3, ties.Worst());
        Assert.True(ties.Better(1, 3));
        Assert.True(ties.Better(2, 0));
    }

    [Fact]
    public void EqualContributionsGoToTheYoungerThoughTheirRoundingDiffers()
    {
        // All four are extremes. (3, 4, 2) and (5, 1, 1) both add exactly 0.4 over the reference (each objective's worst
        // value less a tenth of its range), but their computed contributions differ in the last bits; the older leaves.
        var order = new SelectionOrder([[4, 3, 2], [5, 5, 0], [3, 4, 2], [5, 1, 1]], [0, 1, 2, 3]);
        Assert.Equal(2, order.Worst());
        Assert.True(order.Better(3, 2));
        Assert.False(order.Better(2, 3));
    }

    [Fact]
    public void OnRandomLatticeLevelsTheWorstIsTheExactOneAndTheOlderOfEqualContributions()
    {
        // Measured from the level's reference (its worst value less a tenth of its range) and multiplied by 10, every gain
        // is an integer, so these contributions are exact; a flat objective adds the same factor to every box.
        var rng = new RandomStream(5, 0);
        for (var repeat = 0; repeat < 20_000; repeat++)
        {
            var m = 2 + (repeat % 2);
            var points = Enumerable.Range(0, 4 + rng.NextInt(6)).Select(_ => Enumerable.Range(0, m).Select(_ => (double)rng.NextInt(6)).ToArray()).ToArray();
            var order = new SelectionOrder(points, [.. Enumerable.Range(0, points.Length)]);
            var level = Enumerable.Range(0, points.Length).Where(i => order.Ranks[i] == order.Ranks.Max()).ToArray();
            var low = Enumerable.Range(0, m).Select(k => level.Min(i => points[i][k])).ToArray();
            var high = Enumerable.Range(0, m).Select(k => level.Max(i => points[i][k])).ToArray();
            var gains = level.Select(i => points[i].Select((v, k) => high[k] == low[k] ? 1 : (10 * (v - low[k])) + high[k] - low[k]).ToArray()).ToArray();
            var contributions = Hypervolume.Contributions(gains, new double[m]);
            var extreme = level.Select(i => Enumerable.Range(0, m).Any(k => points[i][k] == high[k])).ToArray();

            // The worst: not an extreme if any is not, then the least contribution, then the oldest.
            var worst = Enumerable.Range(0, level.Length).OrderBy(j => extreme[j]).ThenBy(j => level.Length == 1 ? 0 : contributions[j]).ThenBy(j => level[j]).First();
            Assert.Equal(level[worst], order.Worst());
        }
    }

    [Theory]
    [InlineData(1e-120)]
    [InlineData(1e120)]
    public void TheOrderDoesNotDependOnTheScaleOfTheObjectives(double scale)
    {
        // The level of InThreeObjectivesTheReferenceMarginDecidesBetweenPointsThatAreNotExtremes, scaled: its boxes
        // (around scale³) underflow to 0 or overflow to infinity, yet (2, 2, 1) still adds less than (3, 3, 0).
        double[][] points = [[4, 1, 4], [0, 3, 5], [1, 4, 1], [3, 3, 0], [2, 2, 1]];
        var order = new SelectionOrder([.. points.Select(p => p.Select(v => v * scale).ToArray())], [0, 1, 2, 3, 4]);
        Assert.Equal(4, order.Worst());
        Assert.True(order.Better(3, 4));
    }

    [Fact]
    public void ALevelSpanningTheWholeRangeOfDoublesIsOrdered()
    {
        // The range of each objective, 2 × 1e308, overflows a double.
        var order = new SelectionOrder([[-1e308, 1e308], [0, 0.5e308], [0.5e308, 0], [1e308, -1e308]], [0, 1, 2, 3]);
        Assert.Equal([0, 0, 0, 0], order.Ranks);
        Assert.Equal(1, order.Worst());
    }
}
