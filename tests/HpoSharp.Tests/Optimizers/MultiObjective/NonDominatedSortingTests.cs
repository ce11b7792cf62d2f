using HpoSharp.Optimizers;
using HpoSharp.Optimizers.MultiObjective;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.MultiObjective;

public sealed class NonDominatedSortingTests
{
    [Fact]
    public void RanksAHandMadeSet()
    {
        double[][] points = [[1, 5], [2, 4], [2, 4], [1, 1], [3, 1], [0, 0], [1, 3], [2, 2]];

        Assert.Equal([0, 0, 0, 2, 0, 3, 1, 1], NonDominatedSorting.Ranks(points));
        Assert.Equal([[0, 1, 2, 4], [6, 7], [3], [5]], NonDominatedSorting.Fronts(points));
        Assert.Equal([0, 1, 2, 4], Pareto.FirstFront(points));
    }

    [Fact]
    public void OneObjectiveRanksAreTheDistinctValuesInOrder()
    {
        Assert.Equal([1, 0, 2, 0, 1], NonDominatedSorting.Ranks([[5], [7], [1], [7], [5]]));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void AgreesWithPeelingByPairwiseDominance(int objectives)
    {
        var rng = new RandomStream(11, (ulong)objectives);
        for (var repeat = 0; repeat < 30; repeat++)
        {
            // Small integer values make ties and duplicates common.
            var points = Enumerable.Range(0, 40).Select(_ => Enumerable.Range(0, objectives).Select(_ => (double)rng.NextInt(6)).ToArray()).ToArray();
            Assert.Equal(PeelFronts(points), NonDominatedSorting.Ranks(points));
        }
    }

    [Fact]
    public void EmptyInputGivesNoFronts()
    {
        Assert.Empty(NonDominatedSorting.Ranks([]));
        Assert.Empty(NonDominatedSorting.Fronts([]));
    }

    private static int[] PeelFronts(double[][] points)
    {
        var ranks = Enumerable.Repeat(-1, points.Length).ToArray();
        for (var rank = 0; ranks.Contains(-1); rank++)
        {
            var open = Enumerable.Range(0, points.Length).Where(i => ranks[i] < 0).ToArray();
            foreach (var i in open.Where(i => !open.Any(j => Pareto.Dominates(points[j], points[i]))).ToArray())
            {
                ranks[i] = rank;
            }
        }

        return ranks;
    }
}
