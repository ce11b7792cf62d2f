using System.Globalization;
using static System.FormattableString;

namespace HpoSharp.Space;

/// <summary>The kind of an internal dimension.</summary>
public enum DimensionKind
{
    /// <summary>A real interval, possibly log-scaled or stepped.</summary>
    Real,

    /// <summary>An integer interval, possibly log-scaled or stepped.</summary>
    Integer,

    /// <summary>A finite set of unordered choices, encoded by their index.</summary>
    Categorical,
}

/// <summary>
/// One coordinate of the internal representation that algorithms work on.
/// A real or integer dimension is encoded by its value in the user's units; a categorical one by
/// the index of its choice. An inactive dimension is encoded as <see cref="double.NaN"/>.
/// </summary>
public sealed class Dimension
{
    private Dimension(string name, DimensionKind kind, double low, double high, bool log, double step, int count)
    {
        Name = name;
        Kind = kind;
        Low = low;
        High = high;
        Log = log;
        Step = step;
        Count = count;
    }

    /// <summary>The dimension's name: the parameter's name, or e.g. <c>widths[2]</c> for a part of one.</summary>
    public string Name { get; }

    /// <summary>Real, integer or categorical.</summary>
    public DimensionKind Kind { get; }

    /// <summary>The smallest value (0 for a categorical dimension).</summary>
    public double Low { get; }

    /// <summary>The largest value (the last index for a categorical dimension).</summary>
    public double High { get; }

    /// <summary>Whether the dimension is searched on a logarithmic scale.</summary>
    public bool Log { get; }

    /// <summary>The spacing between allowed values: 0 for a continuous real range, at least 1 for integers.</summary>
    public double Step { get; }

    /// <summary>The number of choices of a categorical dimension; 0 for the others.</summary>
    public int Count { get; }

    /// <summary>Whether the dimension takes finitely many values (integer, stepped real or categorical).</summary>
    public bool IsDiscrete => Kind != DimensionKind.Real || Step > 0;

    /// <summary>The number of allowed values of a discrete dimension, or <see cref="double.PositiveInfinity"/>.</summary>
    public double Cardinality => Kind switch
    {
        DimensionKind.Categorical => Count,
        _ when Step > 0 => Math.Round((High - Low) / Step) + 1,
        _ => double.PositiveInfinity,
    };

    /// <summary>The lower bound in the search scale (the logarithm of <see cref="Low"/> on a log dimension).</summary>
    public double WarpedLow => Warp(Low);

    /// <summary>The upper bound in the search scale (the logarithm of <see cref="High"/> on a log dimension).</summary>
    public double WarpedHigh => Warp(High);

    /// <summary>A continuous or stepped real dimension.</summary>
    /// <param name="name">The dimension's name.</param>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound, greater than <paramref name="low"/>.</param>
    /// <param name="log">Search on a logarithmic scale (bounds must be positive, no step).</param>
    /// <param name="step">The spacing of allowed values, or 0 for a continuous range.</param>
    public static Dimension Real(string name, double low, double high, bool log = false, double step = 0)
    {
        CheckBounds(name, low, high, log);
        if (!double.IsFinite(step) || step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), Invariant($"Parameter '{name}': step must be a finite number >= 0 (0 means continuous); got {step}."));
        }

        if (step > 0)
        {
            if (log)
            {
                throw new ArgumentException(Invariant($"Parameter '{name}': a log-scaled range cannot have a step (step {step})."), nameof(step));
            }

            CheckStepFits(name, low, high, step);
        }

        return new Dimension(name, DimensionKind.Real, low, high, log, step, 0);
    }

    /// <summary>An integer dimension.</summary>
    /// <param name="name">The dimension's name.</param>
    /// <param name="low">The smallest integer.</param>
    /// <param name="high">The largest integer, greater than <paramref name="low"/>.</param>
    /// <param name="log">Search on a logarithmic scale (bounds must be positive, step 1).</param>
    /// <param name="step">The spacing of allowed integers, at least 1.</param>
    public static Dimension Integer(string name, long low, long high, bool log = false, long step = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!IsExactDouble(low) || !IsExactDouble(high))
        {
            throw new ArgumentOutOfRangeException(IsExactDouble(low) ? nameof(high) : nameof(low), Invariant($"Parameter '{name}': integer bounds must be exact doubles, as every integer within ±2^53 is; got [{low}, {high}]."));
        }

        CheckBounds(name, low, high, log);
        if (step < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Parameter '{name}': an integer step must be at least 1.");
        }

        if (log && step != 1)
        {
            throw new ArgumentException($"Parameter '{name}': a log-scaled integer range cannot have a step other than 1 (step {step}).", nameof(step));
        }

        if (step > (Int128)high - low || ((Int128)high - low) % step != 0)
        {
            throw StepDoesNotFit(name, low, high, step);
        }

        return new Dimension(name, DimensionKind.Integer, low, high, log, step, 0);
    }

    /// <summary>A categorical dimension with <paramref name="count"/> choices, encoded 0 to count - 1.</summary>
    /// <param name="name">The dimension's name.</param>
    /// <param name="count">The number of choices, at least 1.</param>
    public static Dimension Categorical(string name, int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Parameter '{name}': a categorical dimension needs at least one choice.");
        }

        return new Dimension(name, DimensionKind.Categorical, 0, count - 1, false, 1, count);
    }

    /// <summary>Maps a value to the search scale: its logarithm on a log dimension, itself otherwise.</summary>
    public double Warp(double value) => Log ? Math.Log(value) : value;

    /// <summary>Maps a value of the search scale back to the user's units (inverse of <see cref="Warp"/>).</summary>
    public double Unwarp(double warped) => Log ? Math.Exp(warped) : warped;

    /// <summary>
    /// Maps a point of [0, 1] to an allowed value so that a uniform point gives a uniform value:
    /// uniform (or log-uniform) over a real range, equally likely values over steps, choices and linear integers,
    /// log-uniform over a log-scaled integer range. NaN counts as 0.
    /// </summary>
    public double FromUnit(double u)
    {
        u = double.IsNaN(u) ? 0 : Math.Clamp(u, 0.0, 1.0);
        if (Kind == DimensionKind.Integer && Log)
        {
            var w = Math.Log(Low - 0.5) + (u * (Math.Log(High + 0.5) - Math.Log(Low - 0.5)));
            return Math.Clamp(Math.Round(Math.Exp(w)), Low, High);
        }

        if (IsDiscrete)
        {
            var n = Cardinality;
            return LevelValue(Math.Min(Math.Floor(u * n), n - 1));
        }

        return Snap(Unwarp(WarpedLow + (u * (WarpedHigh - WarpedLow))));
    }

    /// <summary>
    /// Maps an allowed value to [0, 1], the inverse of <see cref="FromUnit"/>: the middle of the cell of a value of a
    /// linear discrete dimension, the position of its logarithm within the cells' outer edges for a log-scaled integer,
    /// the relative position in the search scale of a continuous value.
    /// </summary>
    public double ToUnit(double value)
    {
        if (Kind == DimensionKind.Integer && Log)
        {
            var lo = Math.Log(Low - 0.5);
            return (Math.Log(value) - lo) / (Math.Log(High + 0.5) - lo);
        }

        if (IsDiscrete)
        {
            return (LevelIndex(value) + 0.5) / Cardinality;
        }

        return (Warp(value) - WarpedLow) / (WarpedHigh - WarpedLow);
    }

    /// <summary>The allowed value nearest to <paramref name="value"/>: clamped to the bounds and rounded to the step.</summary>
    public double Snap(double value)
    {
        if (double.IsNaN(value))
        {
            return Low;
        }

        var clamped = Math.Clamp(value, Low, High);
        if (!IsDiscrete)
        {
            return clamped;
        }

        return LevelValue(LevelIndex(clamped));
    }

    /// <summary>The level (from 0) of a discrete dimension nearest to <paramref name="value"/>, the inverse of <see cref="LevelValue"/>.</summary>
    public double LevelIndex(double value) => Math.Round((value - Low) / Step);

    /// <summary>
    /// The value of level <paramref name="index"/> (from 0) of a discrete dimension, <c>Low + index × Step</c> within the
    /// bounds; on a stepped real dimension rounded to 15 significant digits, so that every algorithm gives the number a
    /// user would type (0.3, not 0.30000000000000004), unless that rounding would move it off its level (levels that need
    /// 16 digits, such as 1e15 + 7 in steps of 1).
    /// </summary>
    public double LevelValue(double index)
    {
        var value = Low + (index * Step);
        if (Kind == DimensionKind.Real && RoundTo15Digits(value) is var typed && Math.Abs(typed - value) <= 1e-9 * Step)
        {
            value = typed;
        }

        return Math.Clamp(value, Low, High);
    }

    /// <summary>Rounds to 15 significant digits, the shortest decimal that a sum or product of typed numbers stands for.</summary>
    internal static double RoundTo15Digits(double value)
    {
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var length, "G15", CultureInfo.InvariantCulture);
        return double.Parse(text[..length], CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="value"/> is an allowed value of this dimension.</summary>
    public bool IsValid(double value)
    {
        if (!double.IsFinite(value) || value < Low || value > High)
        {
            return false;
        }

        return !IsDiscrete || IsOnLevel(value);
    }

    /// <summary>
    /// Whether a value given by a user stands for an allowed value: it is one, or, on a stepped real dimension, it is within
    /// a billionth of a step of a level, a bound included (<c>0.1 + 0.2</c> for the upper bound 0.3).
    /// </summary>
    internal bool StandsForAllowedValue(double value) =>
        IsValid(value) || (Kind == DimensionKind.Real && Step > 0 && double.IsFinite(value) && IsOnLevel(value));

    /// <summary>Whether a value of a discrete dimension is one of its levels: exactly, or within a billionth of a step for a stepped real.</summary>
    private bool IsOnLevel(double value) => Math.Abs(value - Snap(value)) <= (Kind == DimensionKind.Real ? 1e-9 * Step : 0);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        DimensionKind.Categorical => $"{Name}: categorical({Count})",
        _ => Invariant($"{Name}: {Kind.ToString().ToLowerInvariant()} [{Low}, {High}]{(Log ? " log" : string.Empty)}{((Kind == DimensionKind.Real && Step > 0) || Step > 1 ? Invariant($" step {Step}") : string.Empty)}"),
    };

    private static void CheckBounds(string name, double low, double high, bool log)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!double.IsFinite(low))
        {
            throw new ArgumentOutOfRangeException(nameof(low), Invariant($"Parameter '{name}': the lower bound must be finite; got {low}."));
        }

        if (!double.IsFinite(high))
        {
            throw new ArgumentOutOfRangeException(nameof(high), Invariant($"Parameter '{name}': the upper bound must be finite; got {high}."));
        }

        if (low >= high)
        {
            throw new ArgumentException(Invariant($"Parameter '{name}': the lower bound {low} must be less than the upper bound {high}."), nameof(low));
        }

        if (!double.IsFinite(high - low))
        {
            throw new ArgumentException(Invariant($"Parameter '{name}': the range [{low}, {high}] is wider than a double can hold (its width overflows)."), nameof(high));
        }

        if (log && low <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(low), Invariant($"Parameter '{name}': a log-scaled range needs a lower bound > 0; got {low}."));
        }
    }

    /// <summary>Refuses a real step unless the last level, Low + round((High - Low) / step) × step, is High within a billionth of a step (and rounding).</summary>
    private static void CheckStepFits(string name, double low, double high, double step)
    {
        var last = low + (Math.Round((high - low) / step) * step);
        if (step > high - low || Math.Abs(last - high) > (1e-9 * step) + (1e-15 * Math.Max(Math.Abs(low), Math.Abs(high))))
        {
            throw StepDoesNotFit(name, low, high, step);
        }
    }

    private static ArgumentException StepDoesNotFit(string name, double low, double high, double step) =>
        new(Invariant($"Parameter '{name}': step {step} does not fit the range [{low}, {high}]: (high - low) must be a whole multiple of the step."), nameof(step));

    private static bool IsExactDouble(long value) => value > long.MinValue && value < long.MaxValue && (long)(double)value == value;
}
