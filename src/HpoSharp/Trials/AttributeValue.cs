using System.Collections.Immutable;

namespace HpoSharp.Trials;

/// <summary>The kinds of value a trial attribute may hold, so that every store can keep them exactly.</summary>
public static class AttributeValue
{
    /// <summary>
    /// Returns <paramref name="value"/> in its stored form: a string, bool, long, double, or an immutable array of doubles,
    /// longs or strings (other integer types up to <c>uint</c>, floats, and arrays of floats, ints, shorts and uints are
    /// converted; a default immutable array is stored empty). Throws an <see cref="ArgumentException"/> naming the key otherwise.
    /// </summary>
    public static object Normalize(string key, object value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);

        // The runtime lets a uint[] pass for an int[] (and ushort[], ulong[] for their signed twins), so those are told apart by type.
        return value switch
        {
            string or bool or long or double => value,
            int or short or byte or uint or sbyte or ushort => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
            float f => (double)f,
            ImmutableArray<double> { IsDefault: true } => ImmutableArray<double>.Empty,
            ImmutableArray<long> { IsDefault: true } => ImmutableArray<long>.Empty,
            ImmutableArray<string> { IsDefault: true } => ImmutableArray<string>.Empty,
            ImmutableArray<double> or ImmutableArray<long> or ImmutableArray<string> => value,
            IEnumerable<double> doubles => doubles.ToImmutableArray(),
            IEnumerable<float> floats => floats.Select(f => (double)f).ToImmutableArray(),
            IEnumerable<long> longs when value.GetType() != typeof(ulong[]) => longs.ToImmutableArray(),
            IEnumerable<int> ints when value.GetType() != typeof(uint[]) => ints.Select(i => (long)i).ToImmutableArray(),
            IEnumerable<uint> uints => uints.Select(i => (long)i).ToImmutableArray(),
            IEnumerable<short> shorts when value.GetType() != typeof(ushort[]) => shorts.Select(i => (long)i).ToImmutableArray(),
            IEnumerable<string> strings => strings.ToImmutableArray(),
            null => throw new ArgumentNullException(nameof(value), $"Attribute '{key}': the value must not be null."),
            _ => throw new ArgumentException($"Attribute '{key}': a {value.GetType().Name} cannot be stored; use a string, bool, integer, float or double, or an array of strings, integers or doubles.", nameof(value)),
        };
    }
}
