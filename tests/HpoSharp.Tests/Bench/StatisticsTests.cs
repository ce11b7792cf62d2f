using HpoSharp.Bench.Stats;

namespace HpoSharp.Tests.Bench;

/// <summary>Expected values computed once with scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic") (scipy 1.10).</summary>
public sealed class StatisticsTests
{
    [Fact]
    public void MannWhitneyMatchesScipyWithTies()
    {
        double[] x = [0.12, 0.5, 0.33, 0.9, 1.2, 0.05, 0.5, 0.77, 0.31, 0.5];
        double[] y = [0.8, 1.1, 0.5, 1.7, 0.95, 2.2, 0.5, 1.3, 0.6, 0.99, 1.4, 0.5];

        var result = MannWhitney.Test(x, y);

        Assert.Equal(21.5, result.U);
        Assert.Equal(0.011380976488294265, result.P, 1e-12);
        Assert.True(result.FirstTendsSmaller);
    }

    [Fact]
    public void MannWhitneyMatchesScipyOnFlooredLogRegrets()
    {
        double[] x = [.. new[] { 1e-8, 1e-8, 1e-8, 1e-8, 1e-8, 1e-8, 0.1, 0.2, 0.3, 0.4 }.Select(Math.Log10)];
        double[] y = [.. new[] { 1e-8, 1e-8, 1e-8, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1 }.Select(Math.Log10)];

        var result = MannWhitney.Test(x, y);

        Assert.Equal(21.0, result.U);
        Assert.Equal(0.02390191679101751, result.P, 1e-12);
    }

    [Fact]
    public void MannWhitneyMatchesScipyWithoutTiesAndOnIdenticalSamples()
    {
        var x = Enumerable.Range(1, 15).Select(i => (double)i).ToArray();
        var y = x.Select(v => v + 0.5).ToArray();

        Assert.Equal(0.7715511878155722, MannWhitney.Test(x, y).P, 1e-12);
        Assert.Equal(105.0, MannWhitney.Test(x, y).U);
        Assert.Equal(1.0, MannWhitney.Test([1, 2, 3], [1, 2, 3]).P);
        Assert.Equal(1.0, MannWhitney.Test([5, 5, 5], [5, 5]).P);
    }

    [Fact]
    public void MannWhitneyRefusesAnEmptySample()
    {
        var error = Assert.Throws<ArgumentException>(() => MannWhitney.Test([], [1.0]));
        Assert.Contains("got 0 and 1", error.Message);
    }

    [Fact]
    public void HolmAdjustsStepDownAndKeepsTheOrder()
    {
        var adjusted = Holm.Adjust([0.01, 0.04, 0.03, 0.005]);

        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p, 12)));
        Assert.Equal([1.0, 1.0], Holm.Adjust([0.6, 0.7]));
    }

    [Fact]
    public void QuantilesInterpolateLikeNumpy()
    {
        double[] values = [7, 1, 3, 5];

        Assert.Equal(4, Summary.Median(values));
        Assert.Equal(2.5, Summary.Quantile(values, 0.25));
        Assert.Equal(5.5, Summary.Quantile(values, 0.75));
        Assert.True(double.IsNaN(Summary.Median([])));
    }

    [Fact]
    public void QuantilesOfScoresWithInfinitiesAreNeverNaN()
    {
        // A run with no completed trial scores +∞; the median of three seeds, one of them such a run, is the middle one.
        double[] values = [1, double.PositiveInfinity, 2];

        Assert.Equal(2, Summary.Median(values));
        Assert.Equal(1.5, Summary.Quantile(values, 0.25));
        Assert.Equal(double.PositiveInfinity, Summary.Quantile(values, 0.75));
        Assert.Equal(double.PositiveInfinity, Summary.Median([1, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity]));
    }

    [Fact]
    public void ComparisonCountsWinsLossesAndAppliesTheBeatsBar()
    {
        double[] low = [.. Enumerable.Range(0, 12).Select(i => 1e-4 * (1 + i))];
        double[] high = [.. Enumerable.Range(0, 12).Select(i => 1e-1 * (1 + i))];
        double[] mid = [.. Enumerable.Range(0, 12).Select(i => 1e-2 * (1 + i))];
        var problems = new List<(IReadOnlyList<double>, IReadOnlyList<double>)> { (low, high), (low, high), (mid, mid), (high, low) };

        var comparison = Comparison.Of(problems);

        Assert.Equal([Outcome.Win, Outcome.Win, Outcome.NoDifference, Outcome.Loss], comparison.Outcomes);
        Assert.Equal(-1.5, comparison.MedianLogRatio, 12);
        Assert.False(comparison.Beats);
        Assert.True(Comparison.Of([(low, high), (mid, mid)]).Beats);
    }
}
