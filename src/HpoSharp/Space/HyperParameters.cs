using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HpoSharp.Space;

/// <summary>
/// The typed values of one configuration, as the objective receives them: a <see cref="double"/> for real ranges,
/// an <see cref="int"/> for integer ranges, the original object for choices, the decoded value for other kinds.
/// Inactive parameters are absent.
/// </summary>
public sealed class HyperParameters : IReadOnlyDictionary<string, object>
{
    private static readonly HashSet<Type> IntegerTypes = [typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong)];

    private readonly KeyValuePair<string, object>[] _items;
    private readonly Dictionary<string, object> _lookup;

    /// <summary>Creates a set of values, in the order given.</summary>
    public HyperParameters(IEnumerable<KeyValuePair<string, object>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
        _lookup = new Dictionary<string, object>(_items, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _items.Select(i => i.Key);

    /// <inheritdoc/>
    public IEnumerable<object> Values => _items.Select(i => i.Value);

    /// <summary>The value of <paramref name="name"/>; throws a <see cref="KeyNotFoundException"/> listing the present names when it is absent.</summary>
    public object this[string name] => _lookup.TryGetValue(name, out var value) ? value : throw Missing(name);

    /// <summary>
    /// The value of <paramref name="name"/> as <typeparamref name="T"/> (or its nullable form); numbers of the primitive
    /// numeric types and <c>decimal</c> convert between those types, except into an integer type that cannot hold them
    /// exactly (a fraction, NaN, out of range); other values (<c>Half</c>, <c>Int128</c>, a <c>char</c>, an enum, ...) only
    /// as their own type. A value that does not convert throws an <see cref="InvalidCastException"/> naming the parameter.
    /// </summary>
    public T Get<T>(string name)
    {
        var value = this[name];
        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (IsNumber(value) && (IntegerTypes.Contains(target) || target == typeof(double) || target == typeof(float) || target == typeof(decimal)))
        {
            if (IntegerTypes.Contains(target) && (value is decimal m ? m != decimal.Truncate(m) : NumericHP.TryToDouble(value, out var number) && number != Math.Floor(number)))
            {
                throw new InvalidCastException(string.Create(CultureInfo.InvariantCulture, $"Hyper-parameter '{name}' is a {TypeNames.Of(value.GetType())} ('{HPSpace.Text(value)}'), not a whole number, so not a {TypeNames.Of(target)}."));
            }

            object converted;
            try
            {
                converted = Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
                throw OutOfRange();
            }

            // A double beyond a float's range converts to infinity rather than overflowing.
            return converted is float f && float.IsInfinity(f) && NumericHP.TryToDouble(value, out var source) && double.IsFinite(source)
                ? throw OutOfRange()
                : (T)converted;
        }

        throw new InvalidCastException(string.Create(CultureInfo.InvariantCulture, $"Hyper-parameter '{name}' is a {TypeNames.Of(value.GetType())} ('{HPSpace.Text(value)}'), not a {TypeNames.Of(target)}."));

        InvalidCastException OutOfRange() =>
            new(string.Create(CultureInfo.InvariantCulture, $"Hyper-parameter '{name}' is a {TypeNames.Of(value.GetType())} ('{HPSpace.Text(value)}'), outside the range of a {TypeNames.Of(target)}."));
    }

    /// <summary>Whether <paramref name="value"/> is a number that converts: of a primitive numeric type or decimal (not a char, an enum or a bool).</summary>
    private static bool IsNumber(object value) => value is IConvertible and not char && !value.GetType().IsEnum && NumericHP.TryToDouble(value, out _);

    /// <summary>The value of <paramref name="name"/> as a double.</summary>
    public double GetDouble(string name) => Get<double>(name);

    /// <summary>The value of <paramref name="name"/> as an int.</summary>
    public int GetInt(string name) => Get<int>(name);

    /// <summary>
    /// The value of <paramref name="name"/> as a string: a choice's text, numbers written the same way in every culture, a
    /// list as its elements in brackets (<c>[64, 32]</c>).
    /// </summary>
    public string GetString(string name) => HPSpace.Text(this[name]);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _lookup.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value) => _lookup.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)_items).GetEnumerator();

    /// <inheritdoc/>
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The values as <c>name=value</c> pairs for display, culture-invariant, doubles to six significant digits, e.g.
    /// <c>lr=0.0031, optimizer=adam, widths=[64, 32]</c>.
    /// </summary>
    public override string ToString() => string.Join(", ", _items.Select(i => $"{i.Key}={HPSpace.Text(i.Value, "G6")}"));

    private KeyNotFoundException Missing(string name) =>
        new($"Hyper-parameter '{name}' is not in this configuration (absent, or inactive under its condition); present: {string.Join(", ", _items.Select(i => i.Key))}.");
}
