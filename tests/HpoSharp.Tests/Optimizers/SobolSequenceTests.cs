using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers;

public sealed class SobolSequenceTests
{
    [Fact]
    public void ScramblingShiftsTheFirstPointAwayFromTheOrigin()
    {
        var first = Point(new SobolSequence(8, new RandomStream(1)), 0);

        Assert.All(first, x => Assert.NotEqual(0, x));
    }

    [Fact]
    public void ScramblingMixesTheLowerBitsButKeepsTheLeadingBitOfEachDirection()
    {
        // Unscrambled, points 0 and 1 differ in the leading bit alone in every dimension (the first direction number is 1/2).
        var sobol = new SobolSequence(8, new RandomStream(1));
        var differences = Point(sobol, 0).Zip(Point(sobol, 1), (a, b) => Bits(a) ^ Bits(b)).ToArray();

        Assert.All(differences, d => Assert.Equal(0x80000000u, d & 0x80000000u));
        Assert.All(differences, d => Assert.NotEqual(0x80000000u, d));
    }

    /// <summary>
    /// The first 1,024 points of scipy 1.10.1's <c>qmc.Sobol(d, scramble=False, bits=32).random(1024)</c>, times 2^32, as
    /// an FNV-1a hash of the 32-bit coordinates in order, and the last coordinate of its point 1,023. scipy enumerates
    /// the points in Gray-code order and keeps the first, all-zero point: its point i is point i xor (i >> 1) here.
    /// </summary>
    [Theory]
    [InlineData(1, 0x9BB361C5C5A87325UL, 4194304u)]
    [InlineData(2, 0x138E2E190E2EC325UL, 3233808384u)]
    [InlineData(5, 0xEC5F4FCF53C1B325UL, 801112064u)]
    [InlineData(21, 0xEFE58B189C26B325UL, 3720347648u)]
    [InlineData(100, 0x71D9D42F84996325UL, 2277507072u)]
    [InlineData(1111, 0x7A188B259B875325UL, 2529165312u)]
    public void UnscrambledPointsAreScipysInGrayCodeOrder(int dimensions, ulong hash, uint lastCoordinate)
    {
        var sobol = new SobolSequence(dimensions);
        var fnv = 14695981039346656037UL;
        var last = Array.Empty<double>();
        for (var i = 0; i < 1024; i++)
        {
            last = Point(sobol, i ^ (i >> 1));
            foreach (var x in last)
            {
                fnv = (fnv ^ Bits(x)) * 1099511628211UL;
            }
        }

        Assert.Equal(lastCoordinate, Bits(last[^1]));
        Assert.Equal(hash, fnv);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(77UL)]
    public void ScrambledPowerOfTwoBlocksFillTheElementaryIntervalsOfTheUnscrambledNet(ulong seed)
    {
        // A block of 2^m points starting at a multiple of 2^m: one point in each interval of width 2^-m in each
        // dimension, and in two dimensions equal counts in the 2^a × 2^(m−a) boxes exactly where the unscrambled block has them.
        const int m = 6;
        var plain = new SobolSequence(8);
        var scrambled = new SobolSequence(8, new RandomStream(seed));
        foreach (var start in new[] { 0, 3 << m })
        {
            var p = Enumerable.Range(start, 1 << m).Select(i => Point(plain, i)).ToArray();
            var s = Enumerable.Range(start, 1 << m).Select(i => Point(scrambled, i)).ToArray();
            for (var j = 0; j < 8; j++)
            {
                Assert.True(Even(s, j, m, j, 0), $"dimension {j}");
                for (var k = j + 1; k < 8; k++)
                {
                    for (var a = 0; a <= m; a++)
                    {
                        Assert.Equal(Even(p, j, a, k, m - a), Even(s, j, a, k, m - a));
                    }
                }
            }
        }
    }

    /// <summary>Whether the points fall evenly into the boxes of 2^-a by 2^-b in dimensions j and k.</summary>
    private static bool Even(double[][] points, int j, int a, int k, int b)
    {
        var counts = points.GroupBy(x => (Leading(x[j], a) << b) | Leading(x[k], b)).Select(g => g.Count()).ToArray();
        return counts.Length == 1 << (a + b) && counts.All(c => c == counts[0]);
    }

    private static double[] Point(SobolSequence sobol, long index)
    {
        var x = new double[sobol.Dimensions];
        sobol.Point(index, x);
        return x;
    }

    private static uint Bits(double x) => (uint)(x * 4294967296.0);

    private static uint Leading(double x, int bits) => bits == 0 ? 0 : Bits(x) >> (32 - bits);
}
