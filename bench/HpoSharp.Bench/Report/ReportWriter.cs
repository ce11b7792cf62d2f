using System.Text;
using System.Text.Json.Nodes;
using HpoSharp.Bench.Problems;
using HpoSharp.Bench.Running;

namespace HpoSharp.Bench.Report;

/// <summary>Assembles docs/BENCHMARKS.md from the results, the timings and the machine's description.</summary>
public static class ReportWriter
{
    /// <summary>The command that compares one algorithm with the cached Optuna columns on one family, shown at the top.</summary>
    public const string CompareCommand = "dotnet run -c Release --project bench/HpoSharp.Bench -- --algorithms tpe --only continuous --no-timing --out bench/out/tpe.md";

    /// <summary>Writes the report to <paramref name="options"/>' output; images go to a <c>benchmarks</c> folder beside it.</summary>
    public static void Write(BenchArgs options, string command, ResultSet results, IReadOnlyList<Problem> problems, IReadOnlyList<(Column, JsonObject)>? overhead, string? parallel, string timingNote)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(results);
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.Output))!;
        var images = Path.Combine(folder, "benchmarks");
        Directory.CreateDirectory(images);
        string? PlotOf(Problem p) => Plots.Anytime(results, p, Path.Combine(images, $"regret-{p.Name}.png")) ? $"benchmarks/regret-{p.Name}.png" : null;

        var optunaColumns = results.Columns.Where(c => !c.IsHpoSharp).Select(c => c.Version).Distinct().ToList();
        var text = new StringBuilder();
        text.AppendLine("# Benchmarks: HpoSharp and Optuna side by side").AppendLine();
        text.AppendLine("To compare one algorithm with the cached Optuna columns on one problem family (no Optuna run needed):").AppendLine();
        text.AppendLine($"```sh\n{CompareCommand}\n```").AppendLine();
        text.AppendLine($"This report was produced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.").AppendLine();
        text.AppendLine("## Machine and versions").AppendLine();
        text.Append(MachineInfo.Describe());
        text.AppendLine($"- HpoSharp algorithms: {string.Join(", ", results.Columns.Where(c => c.IsHpoSharp).Select(c => c.Algorithm))}");
        text.AppendLine($"- Optuna versions (from the cache): {(optunaColumns.Count == 0 ? "none" : string.Join(", ", optunaColumns))}; commit and cmaes version of each are in the cached JSON files");
        text.AppendLine($"- {timingNote}").AppendLine();
        text.AppendLine("How to reproduce, the method and the known limitations are at the end of this page.").AppendLine();
        text.AppendLine("## Summary: wins, losses and no difference").AppendLine();
        foreach (var warning in results.BelowReference(problems))
        {
            text.AppendLine($"**Warning:** {warning}: every run below it scores the floor, 1e-8, and ties with the others there.").AppendLine();
        }

        var headlineBudget = options.Budgets.Count > 2 ? options.Budgets[^2] : options.Budgets[^1];
        text.AppendLine(ComparisonSection.Headline(results, problems, headlineBudget));
        text.AppendLine(ComparisonSection.Write(results, problems, options.Budgets, options.MultiObjectiveBudget));
        text.AppendLine(FamilySection.Write(results, problems, headlineBudget));
        text.AppendLine("## Sample efficiency per problem class").AppendLine();
        text.AppendLine(EfficiencySection.Write(results, problems, options.Budgets, options.MultiObjectiveBudget, PlotOf));
        text.AppendLine("## Suggestion overhead").AppendLine();
        text.AppendLine(overhead is null ? "Not measured in this run (`--no-timing` or `--quick`).\n" : OverheadSection.Write(overhead, images, "benchmarks"));
        text.AppendLine("## Parallel scaling").AppendLine();
        text.AppendLine(parallel ?? "Not measured in this run.\n");
        text.AppendLine(File.Exists(MethodFile) ? File.ReadAllText(MethodFile) : string.Empty);
        text.AppendLine("## Problems").AppendLine();
        text.AppendLine(Markdown.Table(["problem", "family", "half", "description"], problems.Select(p => (IReadOnlyList<string>)[p.Name, p.Family, p.Half == SuiteHalf.Tuning ? "tuning" : "held out", p.Description])));
        File.WriteAllText(options.Output, text.ToString());
    }

    /// <summary>The hand-written part of the report (method, how to reproduce, limitations), kept beside the code.</summary>
    private static string MethodFile => Path.Combine(AppContext.BaseDirectory, "Report", "Method.md");
}
