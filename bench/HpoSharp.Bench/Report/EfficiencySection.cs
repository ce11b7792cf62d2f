using System.Text;
using HpoSharp.Bench.Problems;
using HpoSharp.Bench.Running;
using HpoSharp.Bench.Stats;

namespace HpoSharp.Bench.Report;

/// <summary>The sample-efficiency tables: per problem family and budget, the median score and inter-quartile range of every column.</summary>
public static class EfficiencySection
{
    /// <summary>Writes one table per family and budget; the largest budget's table is shown, the others folded.</summary>
    public static string Write(ResultSet results, IReadOnlyList<Problem> problems, IReadOnlyList<int> budgets, int moBudget, Func<Problem, string?> plotOf)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(problems);
        var text = new StringBuilder();
        foreach (var family in problems.Select(p => p.Family).Distinct())
        {
            var members = problems.Where(p => p.Family == family).ToList();
            var multi = members[0].IsMultiObjective;
            var columns = results.Columns.Where(c => members.Any(p => results.Get(c, p.Name) is not null)).ToList();
            text.AppendLine($"### {family}").AppendLine();
            text.AppendLine(multi
                ? "Hypervolume gap (front's hypervolume minus the found set's, floored at 1e-8; lower is better): median [q1, q3] over seeds; n = seeds."
                : "Regret (noise-free value of the reported best minus f*, floored at 1e-8; lower is better): median [q1, q3] over seeds; n = seeds. Best median in bold; T = tuning half, H = held out.");
            text.AppendLine();
            var tableBudgets = multi ? [moBudget / 3, moBudget] : budgets;
            foreach (var budget in tableBudgets.Reverse())
            {
                var table = Table(results, members, columns, budget);
                if (budget == tableBudgets[^1])
                {
                    text.AppendLine($"Budget {budget}:").AppendLine().AppendLine(table);
                }
                else
                {
                    text.AppendLine($"<details><summary>Budget {budget}</summary>").AppendLine().AppendLine(table).AppendLine("</details>").AppendLine();
                }
            }

            var plots = members.Select(plotOf).OfType<string>().ToList();
            if (plots.Count > 0)
            {
                text.AppendLine("<details><summary>Anytime curves (median over seeds)</summary>").AppendLine();
                foreach (var plot in plots)
                {
                    text.AppendLine($"![{Path.GetFileNameWithoutExtension(plot)}]({plot})");
                }

                text.AppendLine().AppendLine("</details>").AppendLine();
            }
        }

        return text.ToString();
    }

    private static string Table(ResultSet results, List<Problem> problems, List<Column> columns, int budget)
    {
        var rows = problems.Select(p =>
        {
            var scores = columns.Select(c => results.Scores(c, p, budget)).ToList();
            var medians = scores.Select(s => s is null ? double.NaN : Summary.Median(s)).ToList();
            var best = medians.Where(m => !double.IsNaN(m)).DefaultIfEmpty(double.NaN).Min();
            IReadOnlyList<string> row =
            [
                $"{p.Name} ({(p.Half == SuiteHalf.Tuning ? "T" : "H")})",
                .. scores.Select((s, i) => s is null ? "—" : Cell(s, medians[i] == best)),
            ];
            return row;
        });
        return Markdown.Table(["problem", .. columns.Select(c => c.Header)], rows);
    }

    private static string Cell(double[] scores, bool best)
    {
        var median = Markdown.Score(Summary.Median(scores));
        return $"{(best ? $"**{median}**" : median)} [{Markdown.Score(Summary.Quantile(scores, 0.25))}, {Markdown.Score(Summary.Quantile(scores, 0.75))}] n={scores.Length}";
    }
}
