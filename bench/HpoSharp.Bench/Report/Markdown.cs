using System.Globalization;
using System.Text;

namespace HpoSharp.Bench.Report;

/// <summary>Markdown building blocks: tables and number formats.</summary>
public static class Markdown
{
    /// <summary>A table with a header row, one row per entry, the first column left-aligned and the rest right-aligned.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        var text = new StringBuilder();
        text.AppendLine($"| {string.Join(" | ", header)} |");
        text.AppendLine($"|{string.Join("|", header.Select((_, i) => i == 0 ? "---" : "---:"))}|");
        foreach (var row in rows)
        {
            text.AppendLine($"| {string.Join(" | ", row)} |");
        }

        return text.ToString();
    }

    /// <summary>A regret or gap in 2 significant digits, e.g. 3.1e-04; "—" for a missing value, "∞" for none found.</summary>
    public static string Score(double value) => double.IsNaN(value) ? "—" : double.IsPositiveInfinity(value) ? "∞" : value.ToString("0.0e+00", CultureInfo.InvariantCulture);

    /// <summary>A signed number with 2 decimals.</summary>
    public static string Signed(double value) => double.IsNaN(value) ? "—" : value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    /// <summary>A number with the given format, invariant culture.</summary>
    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
