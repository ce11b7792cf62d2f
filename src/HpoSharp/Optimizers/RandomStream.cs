using System.Globalization;
using System.Numerics;

namespace HpoSharp.Optimizers;

/// <summary>
/// A xoshiro256** generator (Blackman and Vigna, 2018) whose state is split by SplitMix64 from a seed and a stream
/// number, so that every trial of a study draws from its own reproducible stream. Not thread-safe.
/// </summary>
public sealed class RandomStream
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates the stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public RandomStream(ulong seed, ulong stream = 0)
    {
        var x = Mix(seed ^ Mix(stream + 0xD1B54A32D192ED03UL));
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// A uniform double in [<paramref name="low"/>, <paramref name="high"/>); throws an <see cref="ArgumentOutOfRangeException"/>
    /// unless the bounds are finite with low &lt; high.
    /// </summary>
    public double NextDouble(double low, double high)
    {
        if (!(double.IsFinite(low) && double.IsFinite(high) && low < high))
        {
            throw new ArgumentOutOfRangeException(nameof(high), string.Create(CultureInfo.InvariantCulture, $"The range is [{low}, {high}); expected finite bounds with low < high."));
        }

        var u = NextDouble();
        var width = high - low;

        // A width that overflows is spanned by weighing the bounds; a draw that rounds up to high is the double below it.
        var x = double.IsFinite(width) ? low + (u * width) : ((1 - u) * low) + (u * high);
        return x < high ? x : Math.BitDecrement(high);
    }

    /// <summary>A uniform integer in [0, <paramref name="count"/>), without bias (Lemire's method).</summary>
    public int NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var range = (ulong)count;
        var product = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0 - range) % range;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (int)product;
    }

    /// <summary>A standard normal deviate (Box–Muller).</summary>
    public double NextGaussian()
    {
        var u = 1.0 - NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * NextDouble());
    }

    /// <summary>An index drawn with probabilities proportional to <paramref name="weights"/> (finite, non-negative, not all zero).</summary>
    public int NextIndex(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        var largest = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            var w = weights[i];
            if (!(w >= 0 && w <= double.MaxValue))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), string.Create(CultureInfo.InvariantCulture, $"weights[{i}] is {w}; expected a finite number >= 0."));
            }

            total += w;
            largest = Math.Max(largest, w);
        }

        // Weights whose sum overflows are drawn by their exact shares of a power of two near the largest.
        var shift = double.IsFinite(total) ? 0 : -Math.ILogB(largest);
        if (shift != 0)
        {
            total = 0;
            foreach (var w in weights)
            {
                total += Math.ScaleB(w, shift);
            }
        }

        var target = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= shift == 0 ? weights[i] : Math.ScaleB(weights[i], shift);
            if (target < 0)
            {
                return i;
            }
        }

        for (var i = weights.Length - 1; i >= 0; i--)
        {
            if (weights[i] > 0)
            {
                return i;
            }
        }

        throw new ArgumentException("The weights must not all be zero.", nameof(weights));
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
