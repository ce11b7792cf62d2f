using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.Bayes;

public sealed class OutputWarpingTests
{
    [Theory]
    [InlineData(-2.5)]
    [InlineData(-0.3)]
    [InlineData(0)]
    [InlineData(1.7)]
    public void YeoJohnsonWithExponentOneIsTheIdentity(double y)
    {
        Assert.Equal(y, OutputWarping.YeoJohnson(y, 1), 14);
    }

    [Fact]
    public void YeoJohnsonIsContinuousAtItsSpecialExponents()
    {
        Assert.Equal(Math.Log(3), OutputWarping.YeoJohnson(2, 0), 14);
        Assert.Equal(Math.Log(3), OutputWarping.YeoJohnson(2, 1e-9), 8);
        Assert.Equal(-Math.Log(3), OutputWarping.YeoJohnson(-2, 2), 14);
        Assert.Equal(-Math.Log(3), OutputWarping.YeoJohnson(-2, 2 - 1e-9), 8);
    }

    [Fact]
    public void WarpingKeepsTheOrderAndSpreadsAHeavyTail()
    {
        // Performance of a minimisation whose bad region is orders of magnitude worse than its good one.
        var rng = new RandomStream(2);
        var perf = Enumerable.Range(0, 40).Select(_ => -Math.Pow(10, 4 * rng.NextDouble())).ToArray();

        var warped = OutputWarping.Warp(perf);

        var order = Enumerable.Range(0, 40).OrderBy(i => perf[i]).ToArray();
        Assert.Equal(order, Enumerable.Range(0, 40).OrderBy(i => warped[i]).ToArray());
        Assert.Equal(0, warped.Average(), 10);
        Assert.Equal(1, Math.Sqrt(warped.Sum(v => v * v) / 40), 10);

        // Standardised alone, the best half is squeezed into a sliver; warped, it spans a good part of the range.
        var standardized = OutputWarping.Standardize(perf);
        double Spread(double[] v) => order.Skip(20).Max(i => v[i]) - order.Skip(20).Min(i => v[i]);
        Assert.True(Spread(warped) > 5 * Spread(standardized), $"warped {Spread(warped)}, standardised {Spread(standardized)}");
    }

    [Fact]
    public void ConstantValuesBecomeZerosWhateverTheirMagnitude()
    {
        Assert.Equal(new double[3], OutputWarping.Warp([1e300, 1e300, 1e300]));
        Assert.Equal(new double[2], OutputWarping.Warp([-4.5, -4.5]));
        Assert.Equal(new double[1], OutputWarping.Warp([7]));
        var tiny = OutputWarping.Standardize([1e-300, 3e-300]);
        Assert.Equal(-1, tiny[0], 14);
        Assert.Equal(1, tiny[1], 14);
    }

    /// <summary>
    /// Warped values against scikit-learn 1.2.1: <c>PowerTransformer(method="yeo-johnson", standardize=True)</c> fitted to the
    /// values standardised with the population deviation (the maximum-likelihood exponents, 0.9159 and -0.3440, lie inside
    /// the searched range); and, for values whose maximum-likelihood exponent (-2.820, scipy 1.10.1 <c>stats.yeojohnson</c>)
    /// lies below it, scipy's transform at the bound -2, standardised. The exponent is found by a golden-section search,
    /// hence the tolerance.
    /// </summary>
    public static TheoryData<double[], double[]> ReferenceWarps() => new()
    {
        {
            [0.3, 1.2, -0.4, 2.5, 0.9, -1.1, 0.05, 1.7],
            [-0.28857219579333127, 0.531130510632431, -0.9571870538572318, 1.6521407739250575, 0.26324570101816164, -1.6448386807495725, -0.5247706643486294, 0.9688516091731149]
        },
        {
            [0.001, 0.002, 0.0031, 0.0049, 0.0052, 0.0101, 0.02],
            [-1.416261567179995, -0.9584141742054981, -0.5170245196395635, 0.0707703235388913, 0.1531634243941183, 1.001186297851814, 1.6665802152402334]
        },
        {
            [1, 2, 3, 4, 5, 100, 1000, 7],
            [-0.5936385777360972, -0.5728533476660389, -0.5522018599182252, -0.5316835395494485, -0.5112978128549741, 0.9008323851032851, 2.331764604483842, -0.4709218518623413]
        },
    };

    [Theory]
    [MemberData(nameof(ReferenceWarps))]
    public void WarpingMatchesTheMaximumLikelihoodYeoJohnsonTransformInItsRange(double[] values, double[] expected)
    {
        var warped = OutputWarping.Warp(values);

        for (var i = 0; i < values.Length; i++)
        {
            Assert.True(Math.Abs(warped[i] - expected[i]) < 1e-7, $"value {i}: {warped[i]:R}, expected {expected[i]:R}");
        }
    }
}
