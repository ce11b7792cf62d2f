using System.Collections.Immutable;

namespace HpoSharp.Trials;

/// <summary>The kinds of value a trial attribute may hold, so that every store can keep them exactly.</summary>
public static class AttributeValue
{
    /// <summary>
    /// Returns <paramref name="value"/> in its stored form: a string, bool, long, double, or an immutable array of doubles,
    /// longs or strings (other integer and float types and arrays are converted). Throws an <see cref="ArgumentException"/> naming the key otherwise.
    /// </summary>
    public static object Normalize(string key, object value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return value switch
        {
            string or bool or long or double => value,
            int or short or byte or uint => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
            float f => (double)f,
            ImmutableArray<double> or ImmutableArray<long> or ImmutableArray<string> => value,
            IEnumerable<double> doubles => doubles.ToImmutableArray(),
            IEnumerable<long> longs => longs.ToImmutableArray(),
            IEnumerable<int> ints => ints.Select(i => (long)i).ToImmutableArray(),
            IEnumerable<string> strings => strings.ToImmutableArray(),
            null => throw new ArgumentNullException(nameof(value), $"Attribute '{key}': the value must not be null."),
            _ => throw new ArgumentException($"Attribute '{key}': a {value.GetType().Name} cannot be stored; use a string, bool, integer, float or double, or an array of strings, integers or doubles.", nameof(value)),
        };
    }
}
