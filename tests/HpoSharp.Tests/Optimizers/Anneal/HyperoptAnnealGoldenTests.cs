using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.Anneal;

/// <summary>
/// The windows and probabilities of hyperopt's annealing (hyperopt commit c49ad14, hyperopt/anneal.py) for fixed
/// histories. They were produced by building the same trials in hyperopt (generate_trials_to_calculate, each trial then
/// marked done with its loss), over hp.uniform("u", 0, 10), hp.loguniform("l", log(1e-3), log(1)),
/// hp.quniform("q", 0, 20, 2) and hp.choice("c", 4 options), and calling AnnealingAlgo(domain, trials, seed=0,
/// avg_best_idx=1.0) with hp_uniform and hp_randint wrapped to record the low and high they pass to uniform, loguniform
/// and quniform, and the probabilities they pass to categorical. With an average best index of 1 the best trial is
/// always the base, so the windows do not depend on the random stream.
/// </summary>
public sealed class HyperoptAnnealGoldenTests
{
    private const int Draws = 2000;

    private static readonly SearchSpace Space =
        [new RangeHP("u", 0, 10), new LogRangeHP("l", 1e-3, 1), new RangeHP("q", 0, 20, 2), new ChoiceHP("c", "a", "b", "c", "d")];

    [Theory]
    [InlineData(5, 2.5666666666666673, 9.233333333333334, -4.605170185988091, 0.0, 6.666666666666668, 20.0, 1, 0.5)]
    [InlineData(20, 4.233333333333334, 7.566666666666666, -2.4983661944636317, -0.1957811014695865, 13.333333333333336, 20.0, 1, 0.7500000000000001)]
    [InlineData(60, 6.485714285714286, 7.914285714285715, -3.7122869162240675, -2.7254647335123336, 0.0, 2.8571428571428568, 2, 0.8928571428571429)]
    public void WindowsAndKeepProbabilitiesAreHyperopts(
        int trials, double uLow, double uHigh, double logLLow, double logLHigh, double qLow, double qHigh, int kept, double keep)
    {
        var draws = Suggestions(trials);

        AssertFills(draws.Select(x => x[0]), uLow, uHigh, "u");
        AssertFills(draws.Select(x => Math.Log(x[1])), logLLow, logLHigh, "log l");

        // hyperopt rounds a uniform draw in its window to the step; here the window spans whole cells of the levels
        // (GUIDE, section 7), so the same levels are reached with other weights.
        var levels = Enumerable.Range(0, 11).Select(k => 2.0 * k).Where(v => v >= 2 * Math.Round(qLow / 2) && v <= 2 * Math.Round(qHigh / 2));
        Assert.Equal(levels, draws.Select(x => x[2]).Distinct().Order());

        // hyperopt's probabilities: keep for the base's choice, (1 - keep) / 3 for each other.
        for (var choice = 0; choice < 4; choice++)
        {
            var share = draws.Count(x => x[3] == choice) / (double)Draws;
            var expected = choice == kept ? keep : (1 - keep) / 3;
            Assert.True(Math.Abs(share - expected) < 0.035, $"choice {choice}: share {share}, hyperopt's probability {expected}");
        }
    }

    /// <summary>Asserts that <paramref name="values"/> stay within [low, high] and come within 1% of its width of both ends.</summary>
    private static void AssertFills(IEnumerable<double> values, double low, double high, string name)
    {
        var list = values.ToList();
        var slack = 1e-12 * Math.Max(1, Math.Abs(low) + Math.Abs(high));
        Assert.All(list, v => Assert.InRange(v, low - slack, high + slack));
        Assert.True(list.Min() - low < 0.01 * (high - low), $"{name}: lowest draw {list.Min()}, window from {low}");
        Assert.True(high - list.Max() < 0.01 * (high - low), $"{name}: highest draw {list.Max()}, window to {high}");
    }

    /// <summary>One suggestion for each of <see cref="Draws"/> seeds after the fixed history of <paramref name="count"/> trials, the best trial always the base.</summary>
    private static List<double[]> Suggestions(int count)
    {
        var history = new TrialHistory([.. Enumerable.Range(0, count).Select(Trial)], [Direction.Minimize]);
        var draws = new List<double[]>();
        for (var seed = 0; seed < Draws; seed++)
        {
            var optimizer = new AnnealOptimizer(Space, new AnnealOptions { AverageBestIndex = 1 });
            optimizer.Attach(history, (ulong)seed);
            draws.Add(optimizer.Suggest(0)!.Params);
        }

        return draws;
    }

    /// <summary>Trial <paramref name="i"/> of the history, in the same IEEE operations as the Python that fed hyperopt.</summary>
    private static Trial Trial(int i)
    {
        var u = ((i * 37) + 11) % 100 / 10.0;
        var l = (1 + (((i * 53) + 7) % 97)) / 100.0;
        var q = 2.0 * (((i * 7) + 3) % 11);
        var c = ((i * 5) + 1) % 4;
        var loss = Math.Abs(u - 6.3) + (Math.Abs(l - 0.05) * 10) + (Math.Abs(q - 12) / 10) + (c == 2 ? 0.0 : 0.7) + ((i * 13) % 7 / 100.0);
        return new Trial { Number = i, State = TrialState.Complete, Params = [u, l, q, c], Values = [loss] };
    }
}
