using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// The two covariance forms agree on a diagonal C = diag(4, 0.25, 1): the full matrix through its eigendecomposition,
/// the diagonal one directly, with values worked out by hand.
/// </summary>
public sealed class CmaCovarianceTests
{
    private static readonly double[] Matrix = [4, 0, 0, 0, 0.25, 0, 0, 0, 1];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AxesAreTheCoordinatesInOrderOfLength(bool diagonal)
    {
        var c = Create(diagonal);
        Assert.Equal([0.5, 1, 2], c.AxisLengths.ToArray());

        // The shortest axis is coordinate 1, then 2, then 0 (a cycle, which tells rows from columns).
        int[] coordinateOfAxis = [1, 2, 0];
        for (var i = 0; i < 3; i++)
        {
            for (var axis = 0; axis < 3; axis++)
            {
                Assert.Equal(coordinateOfAxis[axis] == i ? 1 : 0, Math.Abs(c.AxisEntry(i, axis)));
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SamplingAndWhiteningScaleEachCoordinateByItsDeviation(bool diagonal)
    {
        var c = Create(diagonal);
        var y = new double[3];
        c.Transform([1.0, 1.0, 1.0], y);
        Assert.Equal([2.0, 0.5, 1.0], y.Select(Math.Abs));
        Assert.Equal([0.5, 4.0, 3.0], c.Whiten([1.0, 2.0, 3.0]));
        Assert.Equal(0.25 + 16 + 9, c.WhitenedNorm2([1.0, 2.0, 3.0]), 14);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AChangeIsWhitenedOnBothSides(bool diagonal)
    {
        // C^(-1/2) S C^(-1/2) for S = diag(1, 1, 1): diag(1/4, 4, 1), in the form's own entries.
        var c = Create(diagonal);
        double[] change = diagonal ? [1, 1, 1] : [1, 0, 0, 0, 1, 0, 0, 0, 1];
        double[] expected = diagonal ? [0.25, 4, 1] : [0.25, 0, 0, 0, 4, 0, 0, 0, 1];
        Assert.Equal(expected, c.WhitenChange(change));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ShrinkingDividesCBySSquaredAndTheAxesByS(bool diagonal)
    {
        var c = Create(diagonal);
        c.Shrink(2);
        Assert.Equal([1.0, 0.0625, 0.25], Enumerable.Range(0, 3).Select(c.Variance));
        Assert.Equal([0.25, 0.5, 1], c.AxisLengths.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AfterShrinkingSamplingAndWhiteningUseTheShorterAxes(bool diagonal)
    {
        // C = diag(1, 0.0625, 0.25) after shrinking by 2: deviations 1, 0.25 and 0.5.
        var c = Create(diagonal);
        c.Shrink(2);
        var y = new double[3];
        c.Transform([1.0, 1.0, 1.0], y);
        Assert.Equal([1.0, 0.25, 0.5], y.Select(Math.Abs));
        Assert.Equal([1.0, 8.0, 6.0], c.Whiten([1.0, 2.0, 3.0]));
        Assert.Equal(1 + 64 + 36, c.WhitenedNorm2([1.0, 2.0, 3.0]), 12);
        double[] change = diagonal ? [1, 1, 1] : [1, 0, 0, 0, 1, 0, 0, 0, 1];
        double[] expected = diagonal ? [1, 16, 4] : [1, 0, 0, 0, 16, 0, 0, 0, 4];
        Assert.Equal(expected, c.WhitenChange(change));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ACloneKeepsItsStateWhileTheOriginalChanges(bool diagonal)
    {
        var c = Create(diagonal);
        var clone = c.Clone();
        c.Update(0.5, 0.1, [1.0, 2.0, 3.0], 0.2, [1.0], [[3.0, 2.0, 1.0]]);
        c.Decompose();
        c.Shrink(2);

        Assert.Equal([4.0, 0.25, 1.0], Enumerable.Range(0, 3).Select(clone.Variance));
        Assert.Equal([0.5, 1, 2], clone.AxisLengths.ToArray());
        int[] coordinateOfAxis = [1, 2, 0];
        Assert.All(Enumerable.Range(0, 3), axis => Assert.Equal(1, Math.Abs(clone.AxisEntry(coordinateOfAxis[axis], axis))));
        var y = new double[3];
        clone.Transform([1.0, 1.0, 1.0], y);
        Assert.Equal([2.0, 0.5, 1.0], y.Select(Math.Abs));
    }

    [Fact]
    public void ACloneOfAFullMatrixDecomposesWhenItsOriginalWould()
    {
        // One update has passed since the last decomposition; with an interval of 3 the clone decomposes at its second.
        var c = CmaCovariance.Create(2, false, null);
        c.DecomposeLazily(3);
        var clone = c.Clone();
        clone.Entries[0] = 4;
        clone.DecomposeLazily(3);
        Assert.Equal([1.0, 1.0], clone.AxisLengths.ToArray());
        clone.DecomposeLazily(3);
        Assert.Equal([1.0, 2.0], clone.AxisLengths.ToArray());
    }

    /// <summary>C = diag(4, 0.25, 1) in the form's own entries: the matrix, or its diagonal.</summary>
    private static CmaCovariance Create(bool diagonal) => CmaCovariance.Create(3, diagonal, diagonal ? [4, 0.25, 1] : Matrix);
}
