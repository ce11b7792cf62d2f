using System.Globalization;

namespace HpoSharp.Tests;

/// <summary>Runs test code under a culture whose decimal separator is a comma, as many applications do.</summary>
internal static class CommaCulture
{
    public static void Run(Action action)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
