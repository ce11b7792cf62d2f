using HpoSharp.Bench.Metrics;
using HpoSharp.Bench.Problems;
using HpoSharp.Bench.Report;
using HpoSharp.Bench.Running;
using HpoSharp.Bench.Stats;

namespace HpoSharp.Tests.Bench;

/// <summary>
/// The boundaries of the comparison rules: the normal approximation at small samples, Holm's correction deciding a
/// win, the "beats" bar at exactly 10% losses, and the fewest seeds a problem needs to enter a cell. Expected p-values
/// from scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True) (scipy 1.10).
/// </summary>
public sealed class ComparisonRulesTests
{
    private static readonly double[] Low = [.. Enumerable.Range(0, 12).Select(i => 1e-4 * (1 + i))];
    private static readonly double[] Mid = [.. Enumerable.Range(0, 12).Select(i => 1e-2 * (1 + i))];
    private static readonly double[] High = [.. Enumerable.Range(0, 12).Select(i => 1e-1 * (1 + i))];

    [Theory]
    [InlineData(new double[] { 1, 2, 3, 4, 5 }, new double[] { 6, 7, 8, 9, 10 }, 0.0, 0.012185780355344813)]
    [InlineData(new double[] { 1, 1, 1, 2, 2, 3 }, new double[] { 1, 2, 2, 2, 3, 3, 3, 4 }, 12.0, 0.12005398780160821)]
    [InlineData(new double[] { 0, 0, 0, 0, 1 }, new double[] { 0, 1, 1, 1, 1, 1 }, 5.5, 0.057779571123597245)]
    [InlineData(new double[] { -8, -8, -8, -8, -8, -7.698970004336019, -7 }, new double[] { -8, -8, -8, -3, -2.6989700043360187, -2.5228787452803374 }, 13.5, 0.2542132236039645)]
    public void SmallAndHeavilyTiedSamplesUseTheNormalApproximationLikeScipy(double[] x, double[] y, double u, double p)
    {
        var result = MannWhitney.Test(x, y);

        Assert.Equal(u, result.U);
        Assert.Equal(p, result.P, 1e-12);
        Assert.True(result.FirstTendsSmaller);
        Assert.False(MannWhitney.Test(y, x).FirstTendsSmaller);
        Assert.Equal(p, MannWhitney.Test(y, x).P, 1e-12);
    }

    [Fact]
    public void EqualSamplesHaveNoDirection()
    {
        Assert.False(MannWhitney.Test([1, 2, 3], [3, 2, 1]).FirstTendsSmaller);
        Assert.False(MannWhitney.Test([4, 4], [4, 4, 4]).FirstTendsSmaller);
    }

    [Fact]
    public void AWinNeedsTheHolmAdjustedPValueBelowAlpha()
    {
        // Five seeds apart on each of five problems: p = 0.0122 on each (significant alone), 0.061 after Holm.
        double[] ours = [1e-5, 2e-5, 3e-5, 4e-5, 5e-5];
        double[] theirs = [1e-3, 2e-3, 3e-3, 4e-3, 5e-3];

        var five = Comparison.Of([.. Enumerable.Repeat(((IReadOnlyList<double>)ours, (IReadOnlyList<double>)theirs), 5)]);
        var two = Comparison.Of([.. Enumerable.Repeat(((IReadOnlyList<double>)ours, (IReadOnlyList<double>)theirs), 2)]);

        Assert.Equal(5, five.Ties);
        Assert.Equal(2, two.Wins);
        Assert.Equal(-2, two.MedianLogRatio, 12);
    }

    [Fact]
    public void TheSummaryIsTheMedianOverProblemsOfTheLogRatioOfMedians()
    {
        // One bad seed moves a mean by decades but not a median.
        double[] ours = [1e-6, 1e-6, 1e-6, 1e-6, 1];
        double[] theirs = [1e-3, 1e-3, 1e-3, 1e-3, 1e-3];
        double[] same = [1e-2, 1e-2, 1e-2, 1e-2, 1e-2];

        var comparison = Comparison.Of([(ours, theirs), (ours, theirs), (same, same)]);

        Assert.Equal(-3, comparison.MedianLogRatio, 12);
    }

    [Fact]
    public void AProblemWhereNeitherSideCompletesMostRunsCountsAsNoDifferenceInTheMedianRatio()
    {
        double[] never = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, 1];
        double[] one = [1, 1, 1, 1, 1];

        var comparison = Comparison.Of([(one, [.. one.Select(v => v * 10)]), (never, never), (one, [.. one.Select(v => v / 100)])]);

        Assert.Equal(0, comparison.MedianLogRatio, 12);
    }

    [Theory]
    [InlineData(1, 1, 8, true)]
    [InlineData(0, 0, 10, true)]
    [InlineData(0, 1, 9, false)]
    [InlineData(2, 2, 6, false)]
    [InlineData(3, 1, 6, true)]
    public void BeatsAllowsLossesOnAtMostTenPercentAndNeedsAsManyWins(int wins, int losses, int ties, bool beats)
    {
        var problems = Enumerable.Repeat((Low, High), wins)
            .Concat(Enumerable.Repeat((High, Low), losses))
            .Concat(Enumerable.Repeat((Mid, Mid), ties))
            .Select(p => ((IReadOnlyList<double>)p.Item1, (IReadOnlyList<double>)p.Item2))
            .ToList();

        var comparison = Comparison.Of(problems);

        Assert.Equal((wins, losses, ties), (comparison.Wins, comparison.Losses, comparison.Ties));
        Assert.Equal(beats, comparison.Beats);
    }

    [Fact]
    public void HolmKeepsTheOrderWithTiedPValuesAndStaysMonotone()
    {
        Assert.Equal([0.04, 0.04, 0.04, 0.5], Holm.Adjust([0.01, 0.01, 0.01, 0.5]).Select(p => Math.Round(p, 12)));
        Assert.Equal([0.6, 0.9, 0.6], Holm.Adjust([0.2, 0.9, 0.25]).Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void AProblemEntersACellOnlyWhenBothColumnsHaveFiveSeeds()
    {
        var problem = ProblemCatalog.Get("bbob-f1-sphere-2d");
        var ours = new Column("HpoSharp", "ours", "1");
        var theirs = new Column("Optuna", "theirs", "1");
        var results = new ResultSet();
        for (var seed = 0; seed < 5; seed++)
        {
            results.Add(ours, problem.Name, seed, 10, Run(Instances.Get(problem, seed).Optimum + 1e-3));
        }

        for (var seed = 0; seed < 4; seed++)
        {
            results.Add(theirs, problem.Name, seed, 10, Run(Instances.Get(problem, seed).Optimum + 1));
        }

        Assert.Null(ComparisonSection.Compare(results, [problem], ours, theirs, 10));
        Assert.Null(ComparisonSection.Compare(results, [problem], theirs, ours, 10));

        results.Add(theirs, problem.Name, 4, 10, Run(Instances.Get(problem, 4).Optimum + 1));
        var comparison = ComparisonSection.Compare(results, [problem], ours, theirs, 10);

        Assert.NotNull(comparison);
        Assert.Equal(Outcome.Win, Assert.Single(comparison.Outcomes));
        Assert.Equal(-3, comparison.MedianLogRatio, 9);
        Assert.Null(ComparisonSection.Compare(results, [problem], ours, theirs, 11));
    }

    private static RunTrace Run(double value)
    {
        var builder = new RunTraceBuilder();
        builder.Add([value], [value]);
        return builder.Build(0);
    }
}
