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

    private static double[] Point(SobolSequence sobol, long index)
    {
        var x = new double[sobol.Dimensions];
        sobol.Point(index, x);
        return x;
    }

    private static uint Bits(double x) => (uint)(x * 4294967296.0);
}
