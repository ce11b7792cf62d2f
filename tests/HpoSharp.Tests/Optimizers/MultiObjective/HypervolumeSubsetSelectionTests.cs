using HpoSharp.Optimizers;
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
    public void AfterTheFirstPointTheOrderFollowsTheGainsNotTheBoxes()
    {
        // Boxes 16, 15, 10: after (4, 4), (5, 3) adds 15 - 12 = 3 and (1, 10) adds 10 - 4 = 6.
        Assert.Equal([0, 2, 1], HypervolumeSubsetSelection.Greedy([[4, 4], [5, 3], [1, 10]], 3, [0, 0]));

        // Boxes 27, 26.1, 20: after (3, 3, 3), (3, 3, 2.9) adds nothing and (1, 1, 20) adds 20 - 3 = 17.
        Assert.Equal([0, 2, 1], HypervolumeSubsetSelection.Greedy([[3, 3, 3], [3, 3, 2.9], [1, 1, 20]], 3, [0, 0, 0]));
    }

    [Fact]
    public void CopiesOfChosenPointsGainExactlyNothingSoTheyGoBySmallerIndex()
    {
        // Six distinct points on the line x + y = 5.5 (gains measured from the origin), each repeated: after the six,
        // every copy gains 0 and the copies follow by index, not by the rounding of box minus covered area.
        double[] x = [1.5, 1.5, 3.5, 5.5, 5.5, 4.5, 2.5, 0.5, 5.5, 5.5, 2.5, 4.5, 1.5, 2.5, 0.5, 3.5, 3.5, 1.5, 5.5, 4.5, 0.5, 5.5, 0.5, 1.5, 0.5, 4.5, 2.5, 5.5];
        var points = x.Select(v => new[] { v / 5.5, (5.5 - v + 0.5) / 5.5 }).ToArray();

        var chosen = HypervolumeSubsetSelection.Greedy(points, 19, [0, 0]);

        Assert.Equal([0, 2, 3, 5, 6, 7], chosen.Take(6).Order());
        Assert.Equal([1, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18], chosen.Skip(6));
    }

    [Fact]
    public void GainsEqualButForTheirRoundingGoBySmallerIndex()
    {
        // A symmetric front in sevenths: once the middle and its neighbours are in, each pair of mirror images gains
        // exactly as much, and the smaller index of each pair comes first whichever rounds up.
        double[][] points = [.. new[] { 12, 2, 16, 6, 9, 13, 3 }.Select(x => new[] { x / 7.0, (18 - x) / 7.0 })];
        var chosen = HypervolumeSubsetSelection.Greedy(points, 7, [0, 0]);
        var exact = HypervolumeSubsetSelection.Greedy([.. new[] { 12, 2, 16, 6, 9, 13, 3 }.Select(x => new double[] { x, 18 - x })], 7, [0, 0]);

        Assert.Equal(exact, chosen);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void OnRandomSetsEachStepGainsAsMuchAsTheBestPointByDirectComputation(int objectives)
    {
        var rng = new RandomStream(11, (ulong)objectives);
        var reference = Enumerable.Repeat(-0.1, objectives).ToArray();
        for (var repeat = 0; repeat < 10; repeat++)
        {
            // Mostly mutually non-dominated points, so that the gains change as points are chosen.
            var points = HypervolumeTests.RandomPoints(rng, 15, objectives, onSphere: true);
            var chosen = HypervolumeSubsetSelection.Greedy(points, 8, reference);
            var selected = new List<double[]>();
            foreach (var i in chosen)
            {
                var before = Hypervolume.Compute(selected, reference);
                double Gain(double[] p) => Hypervolume.Compute([.. selected, p], reference) - before;
                var best = points.Where((_, j) => !chosen.Take(selected.Count).Contains(j)).Max(Gain);
                Assert.Equal(best, Gain(points[i]), 12);
                selected.Add(points[i]);
            }

            Assert.Equal(chosen.Length, chosen.Distinct().Count());
        }
    }

    [Fact]
    public void APointBelowTheReferenceInSomeObjectivesGainsNothing()
    {
        // (-5, -5, 2) and (-3, -3) are below the reference in two objectives: no box, however large the product of their gains.
        Assert.Equal([0, 1], HypervolumeSubsetSelection.Greedy([[1, 1, 1], [-5, -5, 2]], 2, [0, 0, 0]));
        Assert.Equal([0, 1], HypervolumeSubsetSelection.Greedy([[1, 1], [-3, -3]], 2, [0, 0]));
    }

    [Fact]
    public void AReferenceOfTheWrongLengthIsRefusedNamingBothLengths()
    {
        var error = Assert.Throws<ArgumentException>(() => HypervolumeSubsetSelection.Greedy(Points, 2, [0, 0, 0]));
        Assert.Equal("reference", error.ParamName);
        Assert.Contains("The points have 2 objective values; the reference point has 3.", error.Message);
    }

    [Fact]
    public void ACountOutOfRangeIsRefusedByName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HypervolumeSubsetSelection.Greedy(Points, 5, [0, 0]));
        Assert.Equal("count", error.ParamName);
        Assert.Contains("from 0 to the number of points, 4", error.Message);
    }

    [Theory]
    [InlineData(double.NaN, 2, 1)]
    [InlineData(double.NegativeInfinity, 2, 2)]
    [InlineData(double.NaN, 3, 1)]
    [InlineData(double.NaN, 2, 0)]
    public void AReferencePointThatIsNotFiniteIsRefusedByName(double bad, int objectives, int count)
    {
        var points = objectives == 3 ? [[1, 2, 3], [2, 1, 3]] : Points;
        double[] reference = [bad, .. new double[objectives - 1]];
        var error = Assert.Throws<ArgumentException>(() => HypervolumeSubsetSelection.Greedy(points, count, reference));
        Assert.Equal("reference", error.ParamName);
        Assert.StartsWith($"The reference point has the value {bad.ToString(System.Globalization.CultureInfo.InvariantCulture)}; every value must be finite.", error.Message);
    }
}
