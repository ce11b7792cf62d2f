namespace HpoSharp.Optimizers;

/// <summary>The base of every algorithm's options class.</summary>
public abstract class OptimizerOptions
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting out of its range.</summary>
    public virtual void Validate()
    {
    }

    /// <summary>Throws unless <paramref name="condition"/> holds, naming the setting, its value and what was expected.</summary>
    protected void Require(bool condition, string setting, object value, string expected)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(setting, value, $"{GetType().Name}.{setting} is {value}; expected {expected}.");
        }
    }
}
