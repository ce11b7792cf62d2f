namespace HpoSharp.Bench.Stats;

/// <summary>The outcome on one problem of comparing an algorithm with another.</summary>
public enum Outcome
{
    /// <summary>No significant difference after correction.</summary>
    NoDifference,

    /// <summary>Significantly lower regret.</summary>
    Win,

    /// <summary>Significantly higher regret.</summary>
    Loss,
}

/// <summary>
/// Compares two algorithms over a table of problems: per problem a two-sided Mann–Whitney U test on the log10
/// regrets, Holm-corrected over the cell's problems at level 0.05, gives a win, a loss or no difference; the summary also gives
/// the median over problems of log10(our median regret / their median regret).
/// </summary>
/// <param name="Outcomes">The outcome per problem, in the order given.</param>
/// <param name="MedianLogRatio">The median over problems of log10(ours / theirs) of the median regrets (negative is better).</param>
public sealed record Comparison(IReadOnlyList<Outcome> Outcomes, double MedianLogRatio)
{
    /// <summary>The significance level after Holm's correction.</summary>
    public const double Alpha = 0.05;

    /// <summary>Significant wins.</summary>
    public int Wins => Outcomes.Count(o => o == Outcome.Win);

    /// <summary>Significant losses.</summary>
    public int Losses => Outcomes.Count(o => o == Outcome.Loss);

    /// <summary>Problems without a significant difference.</summary>
    public int Ties => Outcomes.Count(o => o == Outcome.NoDifference);

    /// <summary>The quality bar of "beats X": significant losses on at most 10% of the problems, and at least as many wins as losses.</summary>
    public bool Beats => Losses <= 0.1 * Outcomes.Count && Wins >= Losses;

    /// <summary>Compares per problem the regrets of ours and theirs (each a list over seeds).</summary>
    public static Comparison Of(IReadOnlyList<(IReadOnlyList<double> Ours, IReadOnlyList<double> Theirs)> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var tests = problems.Select(p => MannWhitney.Test(Log(p.Ours), Log(p.Theirs))).ToArray();
        var adjusted = Holm.Adjust([.. tests.Select(t => t.P)]);
        var outcomes = tests.Select((t, i) => adjusted[i] >= Alpha ? Outcome.NoDifference : t.FirstTendsSmaller ? Outcome.Win : Outcome.Loss).ToArray();
        var ratios = problems.Select(p => LogRatio(Summary.Median(p.Ours), Summary.Median(p.Theirs))).ToArray();
        return new Comparison(outcomes, Summary.Median(ratios));
    }

    /// <summary>log10(ours / theirs); 0 when they are equal, also when both are infinite (most runs of both sides completed no trial).</summary>
    private static double LogRatio(double ours, double theirs) => ours == theirs ? 0 : Math.Log10(ours) - Math.Log10(theirs);

    private static double[] Log(IReadOnlyList<double> regrets) => [.. regrets.Select(Math.Log10)];
}
