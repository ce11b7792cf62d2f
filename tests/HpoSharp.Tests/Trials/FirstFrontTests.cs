using HpoSharp.Trials;

namespace HpoSharp.Tests.Trials;

public sealed class FirstFrontTests
{
    [Fact]
    public void WithTwoObjectivesAPointDominatedByALaterFrontMemberIsLeftOut()
    {
        // (1, 1.5) is dominated by (2, 2), not by (3, 1).
        Assert.Equal([0, 1], Pareto.FirstFront([[3, 1], [2, 2], [1, 1.5]]));
        Assert.Equal([1, 2], Pareto.FirstFront([[1, 1.5], [3, 1], [2, 2]]));
    }

    [Fact]
    public void WithThreeObjectivesEveryFrontMemberIsConsulted()
    {
        // (2, 2, 2) is dominated by the first member (3, 3, 3) only; (1, 5, 0) and (0, 0, 4) trade off with it.
        double[][] points = [[1, 5, 0], [2, 2, 2], [3, 3, 3], [0, 0, 4]];
        Assert.Equal([0, 2, 3], Pareto.FirstFront(points));
        Assert.Equal([0], Pareto.FirstFront([[3, 3, 3], [3, 1, 2], [2, 3, 1]]));

        // (1, 1, 1) is dominated by (3, 3, 3), which precedes (2, 5, 0) on the front.
        Assert.Equal([1, 2], Pareto.FirstFront([[1, 1, 1], [3, 3, 3], [2, 5, 0]]));
    }

    [Fact]
    public void EqualPointsAreAllOnTheFront()
    {
        Assert.Equal([0, 1, 2], Pareto.FirstFront([[1, 2, 3], [1, 2, 3], [3, 2, 1]]));
        Assert.False(Pareto.Dominates([1, 2], [1, 2]));
        Assert.True(Pareto.Dominates([1, 2], [1, 1]));
        Assert.False(Pareto.Dominates([1, 2], [2, 1]));
    }

    [Fact]
    public void DominanceIsOnlyDecidedBetweenVectorsOfOneLength()
    {
        Assert.StartsWith("The vectors have 2 and 3 objective values; dominance compares vectors of one length.", Assert.Throws<ArgumentException>(() => Pareto.Dominates([1, 1], [0, 0, 5])).Message);
        Assert.StartsWith("The vectors have 3 and 2 objective values;", Assert.Throws<ArgumentException>(() => Pareto.Dominates([1, 1, 1], [0, 0])).Message);
    }

    [Fact]
    public void PointsMustBeFiniteNonEmptyAndOfOneLength()
    {
        Assert.StartsWith("Point 1 has the objective value Infinity; every value must be finite.", Assert.Throws<ArgumentException>(() => Pareto.FirstFront([[1, 2], [double.PositiveInfinity, 0]])).Message);
        Assert.StartsWith("Point 0 has 0 objective values; expected 0 (at least 1), as the first point.", Assert.Throws<ArgumentException>(() => Pareto.FirstFront([[], []])).Message);
        Assert.StartsWith("Point 1 has 3 objective values; expected 2 (at least 1), as the first point.", Assert.Throws<ArgumentException>(() => Pareto.FirstFront([[1, 2], [1, 2, 3]])).Message);
    }
}
