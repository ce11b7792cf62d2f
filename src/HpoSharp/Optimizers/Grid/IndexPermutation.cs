namespace HpoSharp.Optimizers;

/// <summary>
/// A keyed pseudo-random permutation of [0, <c>count</c>) computed one element at a time: a four-round Feistel network
/// over the smallest even number of bits that covers the range, walked until it lands inside it.
/// </summary>
public sealed class IndexPermutation
{
    private readonly long _count;
    private readonly int _halfBits;
    private readonly ulong[] _keys;

    /// <summary>Creates the permutation of [0, <paramref name="count"/>) keyed by <paramref name="rng"/>.</summary>
    public IndexPermutation(long count, RandomStream rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(rng);
        _count = count;
        var bits = Math.Max(2, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(count - 1)));
        _halfBits = (bits + 1) / 2;
        _keys = [rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64()];
    }

    /// <summary>The element at <paramref name="position"/>.</summary>
    public long this[long position]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(position);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, _count);
            var x = (ulong)position;
            do
            {
                x = Encrypt(x);
            }
            while (x >= (ulong)_count);

            return (long)x;
        }
    }

    private ulong Encrypt(ulong x)
    {
        var mask = (1UL << _halfBits) - 1;
        var left = x >> _halfBits;
        var right = x & mask;
        foreach (var key in _keys)
        {
            (left, right) = (right, left ^ (Round(right, key) & mask));
        }

        return (left << _halfBits) | right;
    }

    private static ulong Round(ulong half, ulong key)
    {
        var z = (half ^ key) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 29)) * 0xBF58476D1CE4E5B9UL;
        return z ^ (z >> 32);
    }
}
