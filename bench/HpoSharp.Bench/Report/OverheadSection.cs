using System.Text;
using System.Text.Json.Nodes;
using HpoSharp.Bench.Running;
using HpoSharp.Bench.Timing;

namespace HpoSharp.Bench.Report;

/// <summary>The suggestion-overhead tables (time per Ask-and-Tell after N completed trials, ratios, peak memory) and plots.</summary>
public static class OverheadSection
{
    /// <summary>The Optuna sampler each HpoSharp algorithm is compared with in the ratio table; every algorithm is also compared with Optuna's default TPE.</summary>
    private static readonly Dictionary<string, string> Counterpart = new(StringComparer.OrdinalIgnoreCase)
    {
        ["random"] = "random", ["quasi"] = "qmc", ["tpe"] = "tpe", ["cmaes"] = "cmaes", ["bayes"] = "gp", ["anneal"] = "tpe", ["mocmaes"] = "nsga2",
    };

    /// <summary>Reads the Optuna timings cached under <paramref name="cache"/> (one overhead.json per version).</summary>
    public static List<(Column Column, JsonObject Case)> ReadOptuna(string cache)
    {
        var cases = new List<(Column, JsonObject)>();
        if (!Directory.Exists(cache))
        {
            return cases;
        }

        foreach (var file in Directory.EnumerateFiles(cache, "overhead.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var node = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var version = OptunaCache.VersionOf(node);
            cases.AddRange(node["cases"]!.AsArray().Select(c => (new Column("Optuna", c!["sampler"]!.GetValue<string>(), version), c.AsObject())));
        }

        return cases;
    }

    /// <summary>Writes the tables and plots; <paramref name="imageFolder"/> is where PNGs go, <paramref name="imageLink"/> how the report links them.</summary>
    public static string Write(IReadOnlyList<(Column Column, JsonObject Case)> cases, string imageFolder, string imageLink)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var ok = cases.Where(c => c.Case["median_seconds"] is not null).ToList();
        var columns = ok.Select(c => c.Column).Distinct().OrderBy(c => c.IsHpoSharp ? 0 : 1).ToList();
        var text = new StringBuilder();
        text.AppendLine("Median time of one Ask plus Tell after N completed trials of a D-dimensional sphere (pre-loaded with `Study.AddTrial` / `study.add_trials`), in microseconds; each case in a fresh process; — where not measured (capped, or the algorithm is not meant for it).").AppendLine();
        foreach (var dims in OverheadSuite.Dimensions)
        {
            text.AppendLine($"#### D = {dims}").AppendLine();
            text.AppendLine(Markdown.Table(
                ["trials", .. columns.Select(c => c.Header)],
                OverheadSuite.TrialCounts.Select(n => (IReadOnlyList<string>)[$"{n:N0}", .. columns.Select(c => Micro(Seconds(ok, c, dims, n)))])));
            var path = Path.Combine(imageFolder, $"overhead-{dims}d.png");
            Plots.Overhead($"Suggestion overhead, D = {dims}", [.. columns.Select(c => (c, Xs(ok, c, dims), Ys(ok, c, dims))).Where(l => l.Item2.Length > 0)], path);
            text.AppendLine($"![overhead {dims}d]({imageLink}/overhead-{dims}d.png)").AppendLine();
        }

        var failed = cases.Where(c => c.Case["error"] is not null).ToList();
        if (failed.Count > 0)
        {
            text.AppendLine("Cases that could not run: " + string.Join("; ", failed
                .GroupBy(f => (f.Column.Label, Dims: f.Case["dims"]!.GetValue<int>(), Error: f.Case["error"]!.GetValue<string>()))
                .Select(g => $"{g.Key.Label} at D = {g.Key.Dims} (N = {string.Join(", ", g.Select(f => f.Case["trials"]))}): {g.Key.Error}")) + ".").AppendLine();
        }

        text.AppendLine("#### Ratios HpoSharp / Optuna (same run; below 1 means HpoSharp is faster)").AppendLine();
        var ratioRows = new List<IReadOnlyList<string>>();
        foreach (var ours in columns.Where(c => c.IsHpoSharp))
        {
            foreach (var theirs in columns.Where(c => !c.IsHpoSharp && (c.Algorithm == "tpe" || c.Algorithm == Counterpart.GetValueOrDefault(ours.Algorithm))))
            {
                ratioRows.Add([$"{ours.Algorithm} / {theirs.Label}", .. OverheadSuite.Dimensions.SelectMany(d => OverheadSuite.TrialCounts.Select(n => Ratio(Seconds(ok, ours, d, n), Seconds(ok, theirs, d, n))))]);
            }
        }

        text.AppendLine(Markdown.Table(["pair", .. OverheadSuite.Dimensions.SelectMany(d => OverheadSuite.TrialCounts.Select(n => $"D={d} N={n:N0}"))], ratioRows));
        text.AppendLine("#### Peak memory of the process at 10,000 trials (MiB), and at 10 trials for reference").AppendLine();
        text.AppendLine(Markdown.Table(
            ["column", .. OverheadSuite.Dimensions.SelectMany(d => new[] { $"D={d} N=10", $"D={d} N=10,000" })],
            columns.Select(c => (IReadOnlyList<string>)[c.Label, .. OverheadSuite.Dimensions.SelectMany(d => new[] { Mib(ok, c, d, 10), Mib(ok, c, d, 10_000) })])));
        return text.ToString();
    }

    private static JsonObject? Find(List<(Column Column, JsonObject Case)> cases, Column column, int dims, int trials) =>
        cases.FirstOrDefault(c => c.Column == column && c.Case["dims"]!.GetValue<int>() == dims && c.Case["trials"]!.GetValue<int>() == trials).Case;

    private static double Seconds(List<(Column, JsonObject)> cases, Column column, int dims, int trials) =>
        Find(cases, column, dims, trials)?["median_seconds"]?.GetValue<double>() ?? double.NaN;

    private static string Mib(List<(Column, JsonObject)> cases, Column column, int dims, int trials) =>
        Find(cases, column, dims, trials)?["peak_bytes"]?.GetValue<long>() is { } bytes ? Markdown.Number(bytes / 1048576.0, "0") : "—";

    private static double[] Xs(List<(Column, JsonObject)> cases, Column column, int dims) =>
        [.. OverheadSuite.TrialCounts.Where(n => !double.IsNaN(Seconds(cases, column, dims, n))).Select(n => (double)n)];

    private static double[] Ys(List<(Column, JsonObject)> cases, Column column, int dims) =>
        [.. OverheadSuite.TrialCounts.Select(n => Seconds(cases, column, dims, n)).Where(s => !double.IsNaN(s))];

    private static string Micro(double seconds) => double.IsNaN(seconds) ? "—" : Markdown.Number(seconds * 1e6, seconds < 1e-4 ? "0.0" : "N0");

    private static string Ratio(double ours, double theirs) => double.IsNaN(ours) || double.IsNaN(theirs) ? "—" : Markdown.Number(ours / theirs, ours / theirs < 0.01 ? "0.0e+0" : "0.00");
}
