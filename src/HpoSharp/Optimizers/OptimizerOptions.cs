namespace HpoSharp.Optimizers;

/// <summary>The base of every algorithm's options class.</summary>
public abstract class OptimizerOptions
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting out of its range.</summary>
    public virtual void Validate()
    {
    }

    /// <summary>Throws unless <paramref name="condition"/> holds, naming the setting, its value and what was expected.</summary>
    protected void Require(bool condition, string setting, object? value, string expected) => Require(GetType().Name, condition, setting, value, expected);

    /// <summary>Throws unless <paramref name="condition"/> holds, naming <paramref name="owner"/>'s setting, its value and what was expected.</summary>
    internal static void Require(string owner, bool condition, string setting, object? value, string expected)
    {
        if (!condition)
        {
            var text = value is null ? "null" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            throw new ArgumentOutOfRangeException(setting, $"{owner}.{setting} is {text}; expected {expected}.");
        }
    }
}
