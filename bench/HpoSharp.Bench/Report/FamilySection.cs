using System.Text;
using HpoSharp.Bench.Problems;
using HpoSharp.Bench.Running;
using HpoSharp.Bench.Stats;

namespace HpoSharp.Bench.Report;

/// <summary>
/// The held-out half seen class by class: every HpoSharp algorithm against every Optuna column, per problem family
/// (is it significantly worse on a whole class?), and how often it reaches the other's regret with half the budget.
/// </summary>
public static class FamilySection
{
    /// <summary>Writes both tables for the single-objective held-out problems at <paramref name="budget"/>.</summary>
    public static string Write(ResultSet results, IReadOnlyList<Problem> problems, int budget)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(problems);
        var heldOut = problems.Where(p => !p.IsMultiObjective && p.Half == SuiteHalf.HeldOut).ToList();
        var families = heldOut.Select(p => p.Family).Distinct().ToList();
        var pairs = (from ours in results.Columns.Where(c => c.IsHpoSharp)
                     from theirs in results.Columns.Where(c => !c.IsHpoSharp)
                     where ComparisonSection.Compare(results, heldOut, ours, theirs, budget) is not null
                     select (Ours: ours, Theirs: theirs)).ToList();
        if (pairs.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.AppendLine($"#### Held-out half by problem class, budget {budget}").AppendLine();
        text.AppendLine("Wins/losses/no difference within each class (Holm-corrected within the cell); — where the pair shares no problem of the class.").AppendLine();
        text.AppendLine(Markdown.Table(
            ["comparison", .. families],
            pairs.Select(p => (IReadOnlyList<string>)[$"{p.Ours.Algorithm} vs {p.Theirs.Label}", .. families.Select(f => ByFamily(results, heldOut, f, p.Ours, p.Theirs, budget))])));
        text.AppendLine($"#### Held-out half: our median regret after {budget / 2} evaluations against theirs after {budget}").AppendLine();
        text.AppendLine($"Problems where the HpoSharp algorithm's median regret at budget {budget / 2} is at most the other's at budget {budget}, of those both ran (two medians at the 1e-8 floor count as reached).").AppendLine();
        text.AppendLine(Markdown.Table(
            ["comparison", "problems reached with half the budget"],
            pairs.Select(p => (IReadOnlyList<string>)[$"{p.Ours.Algorithm} vs {p.Theirs.Label}", HalfBudget(results, heldOut, p.Ours, p.Theirs, budget)])));
        return text.ToString();
    }

    private static string ByFamily(ResultSet results, List<Problem> heldOut, string family, Column ours, Column theirs, int budget) =>
        ComparisonSection.Compare(results, [.. heldOut.Where(p => p.Family == family)], ours, theirs, budget) is { } c
            ? $"{c.Wins}/{c.Losses}/{c.Ties}"
            : "—";

    private static string HalfBudget(ResultSet results, List<Problem> heldOut, Column ours, Column theirs, int budget)
    {
        var medians = heldOut
            .Select(p => (Ours: results.Scores(ours, p, budget / 2), Theirs: results.Scores(theirs, p, budget)))
            .Where(p => p.Ours is { Length: >= ComparisonSection.MinimumSeeds } && p.Theirs is { Length: >= ComparisonSection.MinimumSeeds })
            .Select(p => Summary.Median(p.Ours!) <= Summary.Median(p.Theirs!))
            .ToList();
        return $"{medians.Count(reached => reached)} of {medians.Count}";
    }
}
