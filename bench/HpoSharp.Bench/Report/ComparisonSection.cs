using System.Text;
using HpoSharp.Bench.Problems;
using HpoSharp.Bench.Running;
using HpoSharp.Bench.Stats;

namespace HpoSharp.Bench.Report;

/// <summary>
/// Every HpoSharp algorithm against every other column, per half and budget: significant wins / losses / no
/// difference (Mann–Whitney U per problem, Holm-corrected over the cell's problems), the median log10 ratio of median regrets,
/// and whether the "beats" bar is met.
/// </summary>
public static class ComparisonSection
{
    /// <summary>
    /// The headline: for each half, a matrix of HpoSharp algorithms (rows) against Optuna's columns at one budget, each
    /// cell wins/losses/no difference and ✓ when the "beats" bar is met.
    /// </summary>
    public static string Headline(ResultSet results, IReadOnlyList<Problem> problems, int budget)
    {
        ArgumentNullException.ThrowIfNull(results);
        var ours = results.Columns.Where(c => c.IsHpoSharp).ToList();
        var theirs = results.Columns.Where(c => !c.IsHpoSharp).ToList();
        if (ours.Count == 0 || theirs.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var half in new[] { SuiteHalf.HeldOut, SuiteHalf.Tuning })
        {
            var members = problems.Where(p => !p.IsMultiObjective && p.Half == half).ToList();
            var columns = theirs.Where(t => ours.Any(o => Compare(results, members, o, t, budget) is not null)).ToList();
            text.AppendLine($"Single objective, {(half == SuiteHalf.HeldOut ? "held-out" : "tuning")} half, budget {budget}: wins/losses/no difference of the row against the column.").AppendLine();
            text.AppendLine(Markdown.Table(
                ["HpoSharp", .. columns.Select(c => c.Header)],
                ours.Select(o => (IReadOnlyList<string>)[o.Algorithm, .. columns.Select(t => Compare(results, members, o, t, budget) is { } c ? $"{c.Wins}/{c.Losses}/{c.Ties}{(c.Beats ? " ✓" : string.Empty)}" : "—")])));
        }

        return text.ToString();
    }

    /// <summary>Writes the comparison tables of the single-objective and multi-objective problems.</summary>
    public static string Write(ResultSet results, IReadOnlyList<Problem> problems, IReadOnlyList<int> budgets, int moBudget)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(problems);
        var text = new StringBuilder();
        text.AppendLine("Each cell: wins/losses/no difference of the row's HpoSharp algorithm against the column, over the problems both ran "
            + "(a win is a significantly lower regret: two-sided Mann–Whitney U with tie correction on log10 regret, Holm-corrected over the cell's problems, α = 0.05), "
            + "then the median over problems of log10(ours / theirs) of the median regrets (negative: ours lower), and ✓ when the \"beats\" bar is met "
            + $"(losses ≤ 10% of the problems and wins ≥ losses). A problem enters a cell when both columns have at least {MinimumSeeds} seeds there.").AppendLine();
        foreach (var (title, subset, tableBudgets) in new (string, Func<Problem, bool>, IReadOnlyList<int>)[]
        {
            ("Single objective, tuning half", p => !p.IsMultiObjective && p.Half == SuiteHalf.Tuning, budgets),
            ("Single objective, held-out half", p => !p.IsMultiObjective && p.Half == SuiteHalf.HeldOut, budgets),
            ("Multi-objective (hypervolume gap), both halves", p => p.IsMultiObjective, [moBudget / 3, moBudget]),
        })
        {
            var members = problems.Where(subset).ToList();
            var rows = (from ours in results.Columns.Where(c => c.IsHpoSharp)
                        from theirs in results.Columns.Where(c => c != ours)
                        let cells = tableBudgets.Select(b => Cell(results, members, ours, theirs, b)).ToList()
                        where cells.Any(c => c is not null)
                        select (IReadOnlyList<string>)[$"{ours.Algorithm} vs {theirs.Label}", .. cells.Select(c => c ?? "—")]).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            text.AppendLine($"#### {title}").AppendLine();
            text.AppendLine(Markdown.Table(["comparison", .. tableBudgets.Select(b => $"budget {b}")], rows));
        }

        return text.ToString();
    }

    /// <summary>The fewest seeds a column needs on a problem for that problem to enter a comparison (a partly filled cache has fewer).</summary>
    public const int MinimumSeeds = 5;

    /// <summary>The comparison over the problems both columns ran to the budget with at least <see cref="MinimumSeeds"/> seeds, or null when there are none.</summary>
    public static Comparison? Compare(ResultSet results, IReadOnlyList<Problem> problems, Column ours, Column theirs, int budget)
    {
        ArgumentNullException.ThrowIfNull(results);
        var pairs = problems
            .Select(p => (Ours: results.Scores(ours, p, budget), Theirs: results.Scores(theirs, p, budget)))
            .Where(p => p.Ours is { Length: >= MinimumSeeds } && p.Theirs is { Length: >= MinimumSeeds })
            .Select(p => ((IReadOnlyList<double>)p.Ours!, (IReadOnlyList<double>)p.Theirs!))
            .ToList();
        return pairs.Count == 0 ? null : Comparison.Of(pairs);
    }

    private static string? Cell(ResultSet results, IReadOnlyList<Problem> problems, Column ours, Column theirs, int budget) =>
        Compare(results, problems, ours, theirs, budget) is { } c
            ? $"{c.Wins}/{c.Losses}/{c.Ties} ({Markdown.Signed(c.MedianLogRatio)}){(c.Beats ? " ✓" : string.Empty)}"
            : null;
}
