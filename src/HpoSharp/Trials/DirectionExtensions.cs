namespace HpoSharp.Trials;

/// <summary>Puts values on the higher-is-better scale that every algorithm maximises.</summary>
internal static class DirectionExtensions
{
    /// <summary><paramref name="value"/> as a performance for an objective with <paramref name="direction"/>: itself when maximised, negated when minimised.</summary>
    public static double Perf(this Direction direction, double value) => direction == Direction.Maximize ? value : -value;
}
