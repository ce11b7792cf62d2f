using System.Globalization;

namespace HpoSharp.Tests;

/// <summary>
/// Runs test code under a culture whose decimal separator is a comma and whose infinities are written "∞" and "-∞", as
/// many applications' cultures are.
/// </summary>
internal static class CommaCulture
{
    public static void Run(Action action)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.PositiveInfinitySymbol = "∞";
            comma.NumberFormat.NegativeInfinitySymbol = "-∞";
            CultureInfo.CurrentCulture = comma;
            action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
