using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers;

/// <summary>
/// Values from implementations written apart from this library: the 64-bit outputs from a C transcription of Blackman
/// and Vigna's published xoshiro256.c (xoshiro256** 1.0) and splitmix64.c, its state filled as the constructor does
/// (x = mix(seed ^ mix(stream + 0xD1B54A32D192ED03)), then four SplitMix64 steps from x; the transcription reproduces
/// the published vectors 11520, 0, 1509978240, 1215971899390074240 from the state {1, 2, 3, 4}, and 6457827717110365317
/// from SplitMix64 seeded with 1234567). The derived draws were computed from those outputs in Python with arbitrary
/// precision integers: (x &gt;&gt; 11) · 2^-53, and Lemire's nearly divisionless method (2019) with 64-bit words.
/// The first 1,000 outputs of six seed and stream pairs matched bit for bit when these values were taken.
/// </summary>
public sealed class RandomStreamGoldenTests
{
    [Theory]
    [InlineData(0UL, 0UL, 7856461045197982720UL, 14352283692778603721UL, 9031297722954630781UL)]
    [InlineData(42UL, 7UL, 9393725167010636386UL, 11958070828340269945UL, 15190414025560335441UL)]
    [InlineData(ulong.MaxValue, ulong.MaxValue - 1, 16881847228494207952UL, 9221067345193247095UL, 1579985778921295720UL)]
    public void TheFirstSecondAndThousandthOutputsAreThoseOfTheReferenceGenerator(ulong seed, ulong stream, ulong first, ulong second, ulong thousandth)
    {
        var rng = new RandomStream(seed, stream);
        var outputs = Enumerable.Range(0, 1000).Select(_ => rng.NextUInt64()).ToArray();

        Assert.Equal([first, second, thousandth], [outputs[0], outputs[1], outputs[999]]);
    }

    [Fact]
    public void DoublesAreTheTop53BitsOfTheReferenceOutputs()
    {
        var rng = new RandomStream(42, 7);

        Assert.Equal([0.5092348616902345, 0.6482483185411028, 0.8643646924401097], [rng.NextDouble(), rng.NextDouble(), rng.NextDouble()]);
    }

    [Theory]
    [InlineData(int.MaxValue, new[] { 1093573537, 1392102663, 1856209042, 993813086, 1661309263 })]
    [InlineData(1 << 30, new[] { 546786769, 696051331, 928104521, 496906543, 830654632 })]
    [InlineData(3, new[] { 1, 1, 2, 1, 2 })]
    public void IntegersAreLemiresMultiplyAndRejectOnTheReferenceOutputs(int count, int[] expected)
    {
        var rng = new RandomStream(42, 7);

        Assert.Equal(expected, Enumerable.Range(0, expected.Length).Select(_ => rng.NextInt(count)));
    }
}
