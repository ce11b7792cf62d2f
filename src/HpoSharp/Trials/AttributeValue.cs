using System.Collections.Immutable;

namespace HpoSharp.Trials;

/// <summary>The kinds of value a trial attribute may hold, so that every store can keep them exactly.</summary>
public static class AttributeValue
{
    /// <summary>
    /// Returns <paramref name="value"/> in its stored form: a string, bool, long, double, or an immutable array of doubles,
    /// longs or strings (other integer types up to <c>uint</c>, floats, and arrays of floats, ints, shorts and uints are
    /// converted; a default immutable array is stored empty). Throws an <see cref="ArgumentException"/> naming the key
    /// otherwise, and for a list of strings holding null.
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
            ImmutableArray<double> { IsDefault: true } or ImmutableArray<float> { IsDefault: true } => ImmutableArray<double>.Empty,
            ImmutableArray<long> { IsDefault: true } or ImmutableArray<int> { IsDefault: true } or ImmutableArray<short> { IsDefault: true } or ImmutableArray<uint> { IsDefault: true } => ImmutableArray<long>.Empty,
            ImmutableArray<string> { IsDefault: true } => ImmutableArray<string>.Empty,
            ImmutableArray<double> or ImmutableArray<long> => value,
            IEnumerable<double> doubles => doubles.ToImmutableArray(),
            IEnumerable<float> floats => floats.Select(f => (double)f).ToImmutableArray(),
            IEnumerable<long> longs when value.GetType() != typeof(ulong[]) => longs.ToImmutableArray(),
            IEnumerable<int> ints when value.GetType() != typeof(uint[]) => ints.Select(i => (long)i).ToImmutableArray(),
            IEnumerable<uint> uints => uints.Select(i => (long)i).ToImmutableArray(),
            IEnumerable<short> shorts when value.GetType() != typeof(ushort[]) => shorts.Select(i => (long)i).ToImmutableArray(),
            IEnumerable<string> strings => WithoutNull(key, strings.ToImmutableArray()),
            null => throw new ArgumentNullException(nameof(value), $"Attribute '{key}': the value must not be null."),
            _ => throw new ArgumentException($"Attribute '{key}': a {TypeNames.Of(value.GetType())} cannot be stored; use a string, bool, integer (up to long, not ulong), float or double, or an array of strings, doubles, floats or integers (long, int, short or uint).", nameof(value)),
        };
    }

    /// <summary>Returns <paramref name="strings"/>, or throws naming the first null element.</summary>
    private static ImmutableArray<string> WithoutNull(string key, ImmutableArray<string> strings)
    {
        var index = strings.IndexOf(null!);
        return index < 0
            ? strings
            : throw new ArgumentException($"Attribute '{key}': element {index} of the list is null; a list of strings may hold empty strings, not null.", "value");
    }
}
