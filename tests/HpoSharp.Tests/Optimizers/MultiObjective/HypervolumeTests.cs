using HpoSharp.Optimizers;
using HpoSharp.Optimizers.MultiObjective;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.MultiObjective;

public sealed class HypervolumeTests
{
    [Fact]
    public void TwoObjectiveStaircaseHasItsHandComputedArea()
    {
        double[][] front = [[1, 3], [2, 2], [3, 1], [1, 1]];

        Assert.Equal(6, Hypervolume.Compute(front, [0, 0]), 12);
        Assert.Equal(13, Hypervolume.Compute(front, [-1, -1]), 12); // gains (2,4), (3,3), (4,2): 8 + 3 + 2
        Assert.Equal([1, 1, 1, 0], Hypervolume.Contributions(front, [0, 0]));
    }

    [Fact]
    public void ThreeObjectiveFrontsHaveTheirHandComputedVolumes()
    {
        double[][] corners = [[2, 1, 1], [1, 2, 1], [1, 1, 2]];
        Assert.Equal(4, Hypervolume.Compute(corners, [0, 0, 0]), 12);
        Assert.Equal([1, 1, 1], Hypervolume.Contributions(corners, [0, 0, 0]));

        double[][] withCentre = [[3, 1, 1], [1, 3, 1], [1, 1, 3], [2, 2, 2]];
        Assert.Equal(11, Hypervolume.Compute(withCentre, [0, 0, 0]), 12);
        Assert.Equal([1, 1, 1, 4], Hypervolume.Contributions(withCentre, [0, 0, 0]).Select(c => Math.Round(c, 12)));
    }

    [Fact]
    public void PointsNotAboveTheReferenceAddNothing()
    {
        double[][] points = [[2, 2], [5, -1], [-3, 7]];
        Assert.Equal(4, Hypervolume.Compute(points, [0, 0]));
        Assert.Equal([4, 0, 0], Hypervolume.Contributions(points, [0, 0]));
        Assert.Equal(0, Hypervolume.Compute([], [0, 0]));
    }

    [Fact]
    public void DuplicatesCountOnceAndContributeNothing()
    {
        double[][] points = [[2, 1, 1], [2, 1, 1], [1, 2, 1]];
        Assert.Equal(3, Hypervolume.Compute(points, [0, 0, 0]), 12);
        Assert.Equal([0, 0, 1], Hypervolume.Contributions(points, [0, 0, 0]));
        Assert.Equal([0, 0, 1], Hypervolume.Contributions([[2, 1], [2, 1], [1, 2]], [0, 0]));
        Assert.Equal([0, 0, 0], Hypervolume.Contributions([[4], [4], [1]], [0]));
        Assert.Equal([3, 0], Hypervolume.Contributions([[4], [1]], [0]));
    }

    [Fact]
    public void DuplicatesContributeExactlyNothingWhateverTheRounding()
    {
        // The box of (1.7, 1.7, 2.7) less the volume the others cover in it rounds to 8.9e-16, not 0.
        Assert.Equal([0, 0, 0.072], Hypervolume.Contributions([[1.7, 1.7, 2.7], [1.7, 1.7, 2.7], [0.9, 1.8, 0.8]], [0, 0, 0]).Select(c => Math.Round(c, 12)));
        Assert.Equal(0, Hypervolume.Contributions([[1.7, 1.7, 2.7], [1.7, 1.7, 2.7], [0.9, 1.8, 0.8]], [0, 0, 0])[0]);
        Assert.Equal(0, Hypervolume.Contributions([[1.7, 1.7, 2.7, 1], [1.7, 1.7, 2.7, 1], [0.9, 1.8, 0.8, 1]], [0, 0, 0, 0])[1]);
    }

    [Fact]
    public void ValuesThatAreNotFiniteAreNamedTheSameInEveryCulture()
    {
        CommaCulture.Run(() =>
        {
            Assert.StartsWith("The reference point has the value -Infinity;", Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[1, 2]], [0, double.NegativeInfinity])).Message);
            Assert.StartsWith("Point 1 has the objective value Infinity;", Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[1, 2], [1, double.PositiveInfinity]], [0, 0])).Message);
        });
    }

    [Theory]
    [InlineData(2, 12)]
    [InlineData(3, 10)]
    [InlineData(4, 9)]
    [InlineData(5, 8)]
    public void AgreesWithInclusionExclusionOnRandomSets(int objectives, int count)
    {
        var rng = new RandomStream(42, (ulong)objectives);
        for (var repeat = 0; repeat < 20; repeat++)
        {
            var points = RandomPoints(rng, count, objectives, onSphere: repeat % 2 == 0);
            var reference = Enumerable.Repeat(-0.1, objectives).ToArray();
            Assert.Equal(InclusionExclusion(points, reference), Hypervolume.Compute(points, reference), 10);
        }
    }

    [Fact]
    public void FourObjectiveVolumeAgreesWithMonteCarloOnALargerFront()
    {
        var rng = new RandomStream(7);
        var points = RandomPoints(rng, 60, 4, onSphere: true);
        const int samples = 100_000;
        var inside = 0;
        Span<double> u = stackalloc double[4];
        for (var s = 0; s < samples; s++)
        {
            for (var k = 0; k < 4; k++)
            {
                u[k] = rng.NextDouble();
            }

            foreach (var p in points)
            {
                if (p[0] >= u[0] && p[1] >= u[1] && p[2] >= u[2] && p[3] >= u[3])
                {
                    inside++;
                    break;
                }
            }
        }

        var estimate = (double)inside / samples;
        var standardError = Math.Sqrt(estimate * (1 - estimate) / samples);
        Assert.InRange(Hypervolume.Compute(points, [0, 0, 0, 0]), estimate - (4 * standardError), estimate + (4 * standardError));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void ContributionsAreTheVolumeLostWithoutThePoint(int objectives)
    {
        var rng = new RandomStream(3, (ulong)objectives);
        for (var repeat = 0; repeat < 10; repeat++)
        {
            var points = RandomPoints(rng, 25, objectives, onSphere: true);
            points[5] = points[3]; // a duplicate
            var reference = Enumerable.Repeat(-0.2, objectives).ToArray();
            var total = Hypervolume.Compute(points, reference);
            var contributions = Hypervolume.Contributions(points, reference);
            for (var i = 0; i < points.Length; i++)
            {
                var without = points.Where((_, j) => j != i).ToArray();
                Assert.Equal(total - Hypervolume.Compute(without, reference), contributions[i], 10);
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void AgreesWithInclusionExclusionWhenValuesTieRepeatOrLieOnTheReference(int objectives)
    {
        // Values from 0 to 4 against the origin: many equal coordinates, duplicates, dominated points and points on the reference.
        var rng = new RandomStream(17, (ulong)objectives);
        var reference = new double[objectives];
        for (var repeat = 0; repeat < 40; repeat++)
        {
            var points = Enumerable.Range(0, 9).Select(_ => Enumerable.Range(0, objectives).Select(_ => (double)rng.NextInt(5)).ToArray()).ToArray();
            var total = Hypervolume.Compute(points, reference);
            Assert.Equal(InclusionExclusion(points, reference), total, 10);
            var contributions = Hypervolume.Contributions(points, reference);
            for (var i = 0; i < points.Length; i++)
            {
                Assert.Equal(total - InclusionExclusion([.. points.Where((_, j) => j != i)], reference), contributions[i], 10);
            }
        }
    }

    [Fact]
    public void WithOneObjectiveTheVolumeIsTheBestGain()
    {
        Assert.Equal(4, Hypervolume.Compute([[4], [1], [4], [-2]], [0]));
        Assert.Equal(7, Hypervolume.Compute([[4], [-2]], [-3]));
    }

    [Fact]
    public void OfTrialsReadsValuesInTheUsersDirections()
    {
        Trial Complete(params double[] values) => new() { State = TrialState.Complete, Values = [.. values] };
        Trial[] trials = [Complete(1, -3), Complete(2, -2), Complete(3, -1), new Trial { State = TrialState.Failed }];

        // Minimise the first (reference 4), maximise the second (reference -4): gains (3,1), (2,2), (1,3).
        Assert.Equal(6, Hypervolume.OfTrials(trials, [Direction.Minimize, Direction.Maximize], [4, -4]), 12);
        var error = Assert.Throws<ArgumentException>(() => Hypervolume.OfTrials(trials, [Direction.Minimize, Direction.Maximize], [4]));
        Assert.Contains("1 values; the study has 2 objectives", error.Message);
    }

    [Fact]
    public void OfTrialsRefusesACompleteTrialWithAnotherNumberOfObjectives()
    {
        // A trial of a three-objective study read with two directions: it would otherwise be left out, and the volume be 0.
        Trial[] trials = [new() { Number = 7, State = TrialState.Complete, Values = [1, 2, 3] }];
        var error = Assert.Throws<ArgumentException>(() => Hypervolume.OfTrials(trials, [Direction.Minimize, Direction.Minimize], [4, 4]));
        Assert.Equal("trials", error.ParamName);
        Assert.Contains("Trial 7 has 3 values; the study has 2 objectives.", error.Message);
    }

    [Fact]
    public void RefusesBadInputNamingIt()
    {
        Assert.Contains("Point 1 has 3 objective values; expected 2", Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[1, 2], [1, 2, 3]], [0, 0])).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[1, double.NaN]], [0, 0])).Message);
        Assert.Contains("the reference point has 3", Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[1, 2]], [0, 0, 0])).Message);
        Assert.Contains("reference point has the value Infinity", Assert.Throws<ArgumentException>(() => Hypervolume.Compute([[1, 2]], [0, double.PositiveInfinity])).Message);
    }

    /// <summary>Random points in the unit cube, or near the positive unit sphere (mostly mutually non-dominated).</summary>
    internal static double[][] RandomPoints(RandomStream rng, int count, int objectives, bool onSphere) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var p = Enumerable.Range(0, objectives).Select(_ => onSphere ? Math.Abs(rng.NextGaussian()) : rng.NextDouble()).ToArray();
            var norm = onSphere ? Math.Sqrt(p.Sum(v => v * v)) / (0.8 + (0.2 * rng.NextDouble())) : 1;
            return p.Select(v => v / norm).ToArray();
        })];

    /// <summary>The volume of the union of boxes by inclusion-exclusion over every subset (exact, for small sets).</summary>
    private static double InclusionExclusion(double[][] points, double[] reference)
    {
        var total = 0.0;
        for (var mask = 1; mask < 1 << points.Length; mask++)
        {
            var volume = 1.0;
            for (var k = 0; k < reference.Length; k++)
            {
                var low = double.PositiveInfinity;
                for (var i = 0; i < points.Length; i++)
                {
                    if ((mask & (1 << i)) != 0)
                    {
                        low = Math.Min(low, points[i][k]);
                    }
                }

                volume *= Math.Max(0, low - reference[k]);
            }

            total += System.Numerics.BitOperations.PopCount((uint)mask) % 2 == 1 ? volume : -volume;
        }

        return total;
    }
}
