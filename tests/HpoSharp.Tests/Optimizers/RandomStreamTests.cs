using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers;

public sealed class RandomStreamTests
{
    [Fact]
    public void TheGeneratorIsXoshiro256StarStarSeededBySplitMix64FromTheSeedAndTheStream()
    {
        foreach (var (seed, stream) in new (ulong, ulong)[] { (0, 0), (1, 0), (42, 7), (ulong.MaxValue, ulong.MaxValue - 1) })
        {
            var expected = Reference(seed, stream, 8);
            var rng = new RandomStream(seed, stream);
            Assert.Equal(expected, Enumerable.Range(0, 8).Select(_ => rng.NextUInt64()));
        }
    }

    [Fact]
    public void NeighbouringSeedsAndStreamsStartDifferently()
    {
        var firsts = new HashSet<ulong>();
        for (ulong seed = 0; seed < 8; seed++)
        {
            for (ulong stream = 0; stream < 8; stream++)
            {
                Assert.True(firsts.Add(new RandomStream(seed, stream).NextUInt64()), $"seed {seed}, stream {stream} repeats another stream");
            }
        }
    }

    [Fact]
    public void GaussianDeviatesHaveMeanZeroAndVarianceOne()
    {
        var rng = new RandomStream(3, 1);
        var values = Enumerable.Range(0, 40000).Select(_ => rng.NextGaussian()).ToArray();
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);

        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(variance, 0.97, 1.03);
        Assert.InRange(values.Count(v => Math.Abs(v) < 1) / (double)values.Length, 0.6827 - 0.01, 0.6827 + 0.01);
    }

    [Fact]
    public void IndicesAreDrawnInProportionToTheirWeights()
    {
        var rng = new RandomStream(5);
        double[] weights = [1, 0, 3];
        var counts = new int[3];
        for (var i = 0; i < 8000; i++)
        {
            counts[rng.NextIndex(weights)]++;
        }

        Assert.Equal(0, counts[1]);
        Assert.InRange(counts[0] / 8000.0, 0.25 - 0.02, 0.25 + 0.02);
        Assert.InRange(counts[2] / 8000.0, 0.75 - 0.02, 0.75 + 0.02);
    }

    [Fact]
    public void ShufflingReachesEveryPermutationEquallyOften()
    {
        var rng = new RandomStream(6);
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 6000; i++)
        {
            int[] items = [0, 1, 2];
            rng.Shuffle<int>(items);
            var key = string.Join(",", items);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(6, counts.Count);
        Assert.True(Stats.ChiSquareUniform([.. counts.Values]) < 15.09, "chi-square, 5 degrees of freedom, 1% level");
    }

    [Fact]
    public void IntegersBelowACountAreEquallyLikelyAndAllReached()
    {
        var rng = new RandomStream(7);
        var counts = new int[6];
        for (var i = 0; i < 6000; i++)
        {
            counts[rng.NextInt(6)]++;
        }

        Assert.All(counts, c => Assert.True(c > 0));
        Assert.True(Stats.ChiSquareUniform(counts) < 15.09, "chi-square, 5 degrees of freedom, 1% level");
    }

    [Fact]
    public void ADoubleInARangeNeverReachesItsUpperBound()
    {
        var rng = new RandomStream(9);
        var high = Math.BitIncrement(1.0);

        Assert.All(Enumerable.Range(0, 1000).Select(_ => rng.NextDouble(1.0, high)), x => Assert.Equal(1.0, x));
        Assert.All(Enumerable.Range(0, 1000).Select(_ => rng.NextDouble(-double.MaxValue, double.MaxValue)), x => Assert.True(double.IsFinite(x), $"{x}"));
        Assert.InRange(Enumerable.Range(0, 4000).Count(_ => rng.NextDouble(-double.MaxValue, double.MaxValue) > 0), 1800, 2200);
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 1.0)]
    [InlineData(0.0, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, 0.0)]
    [InlineData(double.NaN, 1.0)]
    public void ARangeThatIsEmptyReversedOrNotFiniteIsRefusedWithItsBounds(double low, double high)
    {
        // An empty or reversed range once gave the double below high, outside [low, high], on every draw.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomStream(12).NextDouble(low, high));

        Assert.Equal("high", error.ParamName);
        Assert.StartsWith(FormattableString.Invariant($"The range is [{low}, {high}); expected finite bounds with low < high."), error.Message);
    }

    [Fact]
    public void WeightsWhoseSumOverflowsAreStillDrawnInProportion()
    {
        var rng = new RandomStream(10);
        double[] weights = [double.MaxValue, double.MaxValue];

        Assert.InRange(Enumerable.Range(0, 4000).Count(_ => rng.NextIndex(weights) == 0), 1800, 2200);
    }

    [Theory]
    [InlineData(-1.0, "weights[1] is -1; expected a finite number >= 0.")]
    [InlineData(double.NaN, "weights[1] is NaN; expected a finite number >= 0.")]
    [InlineData(double.PositiveInfinity, "weights[1] is Infinity; expected a finite number >= 0.")]
    public void AWeightThatIsNotAFiniteNonNegativeNumberIsRefusedByIndex(double weight, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomStream(11).NextIndex([1.0, weight, 1.0]));

        Assert.Equal("weights", error.ParamName);
        Assert.StartsWith(message, error.Message);
    }

    /// <summary>xoshiro256** as published by Blackman and Vigna, its state filled by SplitMix64 from the mixed seed and stream.</summary>
    private static ulong[] Reference(ulong seed, ulong stream, int count)
    {
        static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        static ulong Rotl(ulong x, int k) => (x << k) | (x >> (64 - k));

        var x = Mix(seed ^ Mix(stream + 0xD1B54A32D192ED03UL));
        var s = new ulong[4];
        for (var i = 0; i < 4; i++)
        {
            x += 0x9E3779B97F4A7C15UL;
            s[i] = Mix(x);
        }

        var output = new ulong[count];
        for (var n = 0; n < count; n++)
        {
            output[n] = Rotl(s[1] * 5, 7) * 9;
            var t = s[1] << 17;
            s[2] ^= s[0];
            s[3] ^= s[1];
            s[1] ^= s[2];
            s[0] ^= s[3];
            s[2] ^= t;
            s[3] = Rotl(s[3], 45);
        }

        return output;
    }
}
