using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// The stopping rules of a CMA-ES run, generation by generation. With n = 2 and λ = 6 (and no discrete coordinates) the
/// recent history holds 10 + ⌈30·2/6⌉ = 20 generations, stagnation is checked from generation 120 + 10 = 130 and a run
/// is flat after more than 2 flat generations in a row.
/// </summary>
public sealed class RunTerminationTests
{
    private const int Lambda = 6;

    [Fact]
    public void ThreeFlatGenerationsInARowEndTheRun()
    {
        Assert.Equal((CmaStopReason.FlatFitness, 3), FirstStop(new RunTermination(2, Lambda, 0), _ => Flat));
    }

    [Fact]
    public void AGenerationThatIsNotFlatStartsTheCountAgain()
    {
        Assert.Equal((CmaStopReason.FlatFitness, 6), FirstStop(new RunTermination(2, Lambda, 0), g => g == 3 ? Improving(g) : Flat));
    }

    [Fact]
    public void DiscreteCoordinatesAllowLongerFlatSpells()
    {
        // Half of the coordinates discrete: 2 + 30·0.5 = 17 flat generations are tolerated.
        Assert.Equal((CmaStopReason.FlatFitness, 18), FirstStop(new RunTermination(2, Lambda, 0.5), _ => Flat));
    }

    [Fact]
    public void ACappedRunEndsAtItsCap()
    {
        Assert.Equal((CmaStopReason.MaxGenerations, 5), FirstStop(new RunTermination(2, Lambda, 0), Improving, maxGenerations: 5));
    }

    [Theory]
    [InlineData(2, 6, 21)]
    [InlineData(6, 6, 41)]
    [InlineData(2, 60, 12)]
    public void ValuesWithinLessThan1e12EndTheRunOnceTheRecentHistoryIsFull(int n, int lambda, int expected)
    {
        Assert.Equal((CmaStopReason.TolFun, expected), FirstStop(new RunTermination(n, lambda, 0), _ => Narrow));
    }

    [Fact]
    public void ASpreadOutGenerationDelaysTolFunUntilItLeavesTheRecentHistory()
    {
        // Generation 5 spans 1; it is among the last 20 up to generation 24.
        Assert.Equal((CmaStopReason.TolFun, 25), FirstStop(new RunTermination(2, Lambda, 0), g => g == 5 ? Improving(g) : Narrow));
    }

    [Theory]
    [InlineData(2, 6, 130)]
    [InlineData(6, 6, 150)]
    public void ValuesThatGetWorseEveryGenerationStagnateAtTheFirstCheck(int n, int lambda, int expected)
    {
        Assert.Equal((CmaStopReason.Stagnation, expected), FirstStop(new RunTermination(n, lambda, 0), g => Improving(-g)));
    }

    [Fact]
    public void ALongRunComparesOnlyItsLast20000Generations()
    {
        // Improving for 100,000 generations, then flat. The window is capped at 20,000 generations, checked every 200:
        // at generation 117,000 the oldest 6,000 of the window (97,001 to 103,000) are flat for more than half, so their
        // median equals the newest one. Without the cap (the last 20%), that would take until about generation 120,500.
        const int Plateau = 100_000;
        Assert.Equal((CmaStopReason.Stagnation, 117_000), FirstStop(new RunTermination(2, Lambda, 0), g => Improving(Math.Min(g, Plateau)), limit: 130_000));
    }

    [Fact]
    public void ACappedWindowIsStillCheckedOnlyEvery200Generations()
    {
        // Improving for 100,050 generations, then flat: the median of the oldest 6,000 of the window reaches the plateau
        // at generation 117,050, where a check every 10 generations would stop; checked every 1% of the window (200
        // generations), the run stops at 117,200.
        const int Plateau = 100_050;
        Assert.Equal((CmaStopReason.Stagnation, 117_200), FirstStop(new RunTermination(2, Lambda, 0), g => Improving(Math.Min(g, Plateau)), limit: 130_000));
    }

    [Fact]
    public void BelowTheCapTheWindowIsTheLast20PercentCheckedEvery1Percent()
    {
        // Improving for 5,000 generations, then flat. At generation 6,024 the window is its last 1,204 generations (20%),
        // checked every 12 (1%): the median of its oldest 361 (4,821 to 5,181) has reached the plateau.
        const int Plateau = 5_000;
        Assert.Equal((CmaStopReason.Stagnation, 6_024), FirstStop(new RunTermination(2, Lambda, 0), g => Improving(Math.Min(g, Plateau)), limit: 10_000));
    }

    [Fact]
    public void AMinimumWindowAbove20000GenerationsKeepsItsWholeHistory()
    {
        // 30,000 coordinates and λ = 34: the window is at least 120 + ⌈30·30,000/34⌉ = 26,591 generations, longer than
        // the cap, and a run of improving values goes on past 40,000 generations without stagnating.
        Assert.Equal((CmaStopReason.None, 47_000), FirstStop(new RunTermination(30_000, 34, 0), Improving, limit: 47_000));
    }

    [Fact]
    public void ValuesThatImproveNeverStagnate()
    {
        Assert.Equal((CmaStopReason.None, 300), FirstStop(new RunTermination(2, Lambda, 0), Improving, limit: 300));
    }

    [Fact]
    public void AWorseningBestDoesNotStagnateWhileTheMedianImproves()
    {
        // The best value gets worse every generation, the others (the median among them) better.
        Assert.Equal((CmaStopReason.None, 300), FirstStop(new RunTermination(2, Lambda, 0), g => [-g, g - 1000, g - 1001, g - 1002, g - 1003, g - 1004], limit: 300));
    }

    [Theory]
    [InlineData(double.NaN, 0.1)]
    [InlineData(0.5, 0)]
    [InlineData(0.5, double.PositiveInfinity)]
    [InlineData(0.5, double.NaN)]
    public void ANonFiniteMeanOrStepSizeIsDegenerate(double mean, double sigma)
    {
        Assert.Equal((CmaStopReason.Degenerate, 1), Evolve(new GaussianSearch([mean, 0.5], sigma), samples: null));
    }

    [Fact]
    public void AStepTooSmallToChangeACoordinateHasNoEffect()
    {
        // 1 + 0.2·1e-17 rounds to 1.
        Assert.Equal((CmaStopReason.NoEffectCoordinate, 1), Evolve(new GaussianSearch([1.0, 1.0], 1e-17), samples: null));
    }

    [Fact]
    public void AStepTooSmallToChangeTheMeanAlongAnAxisHasNoEffect()
    {
        // 1 + 0.2·8e-16 rounds up to the next double, but 1 + 0.1·8e-16 rounds to 1.
        Assert.Equal((CmaStopReason.NoEffectAxis, 1), Evolve(new GaussianSearch([1.0, 1.0], 8e-16), samples: null));
    }

    [Fact]
    public void ASearchThatOnlyEverSamplesItsMeanShrinksUntilTolX()
    {
        var gaussian = new GaussianSearch([0.0, 0.0], 1);
        Assert.Equal((CmaStopReason.TolX, 79), Evolve(gaussian, () => [.. Enumerable.Repeat(gaussian.Mean, Lambda).Select(m => (double[])m.Clone())]));
        Assert.True(gaussian.Sigma * Math.Sqrt(gaussian.Variance(0)) < 1e-12);
    }

    [Fact]
    public void ASearchWhoseFurthestSamplesAreAlwaysBestGrowsUntilTolUpSigma()
    {
        var gaussian = new GaussianSearch([0.0, 0.0], 1);
        double[] steps = [2, 5 / 3.0, 4 / 3.0, 1, 2 / 3.0, 1 / 3.0];
        Assert.Equal((CmaStopReason.TolUpSigma, 9), Evolve(gaussian, () => [.. steps.Select(t => Step(gaussian, t, t))]));
        Assert.True(gaussian.Sigma * gaussian.AxisLengths[^1] > 1e4);
    }

    [Fact]
    public void ASearchWhoseWorseSamplesAllLieOnOneAxisFlattensUntilConditionCov()
    {
        // The active update shrinks C along the axis of the worse half, while the better half keeps the other axis long.
        var gaussian = new GaussianSearch([0.0, 0.0], 1);
        Assert.Equal((CmaStopReason.ConditionCov, 67), Evolve(gaussian, () =>
            [Step(gaussian, 1, 0), Step(gaussian, -1, 0), Step(gaussian, 0.5, 0), Step(gaussian, 0, 1), Step(gaussian, 0, -1), Step(gaussian, 0, 1)]));
        Assert.True(gaussian.AxisLengths[^1] > 1e7 * gaussian.AxisLengths[0]);
    }

    private static double[] Flat => [1, 1, 1, 1, 1, 1];

    private static double[] Narrow => [1e-13, 0, 0, 0, 0, 0];

    /// <summary>Distinct values, best first, all better than those of any earlier generation: no rule on values holds.</summary>
    private static double[] Improving(int generation) => [.. Enumerable.Range(0, Lambda).Select(k => (double)(generation + Lambda - 1 - k))];

    /// <summary>The mean moved by dx and dy standard deviations of the coordinates.</summary>
    private static double[] Step(GaussianSearch gaussian, double dx, double dy) =>
        [gaussian.Mean[0] + (dx * gaussian.Sigma * Math.Sqrt(gaussian.Variance(0))), gaussian.Mean[1] + (dy * gaussian.Sigma * Math.Sqrt(gaussian.Variance(1)))];

    /// <summary>The first rule that holds over generations 1 to <paramref name="limit"/>, and its generation; (None, limit) if none.</summary>
    private static (CmaStopReason Reason, int Generation) FirstStop(
        RunTermination termination, Func<int, double[]> values, GaussianSearch? gaussian = null, Action? update = null, int limit = 1000, int? maxGenerations = null)
    {
        for (var generation = 1; generation <= limit; generation++)
        {
            update?.Invoke();
            var reason = termination.Check(values(generation), gaussian, generation, maxGenerations);
            if (reason != CmaStopReason.None)
            {
                return (reason, generation);
            }
        }

        return (CmaStopReason.None, limit);
    }

    /// <summary>The first rule that holds while <paramref name="gaussian"/> is updated each generation from the given samples (best first), with improving values.</summary>
    private static (CmaStopReason Reason, int Generation) Evolve(GaussianSearch gaussian, Func<double[][]>? samples)
    {
        var parameters = new CmaParameters(gaussian.Mean.Length, 0, 0, Lambda);
        var update = samples is null ? null : (Action)(() => gaussian.Update(samples(), new bool[Lambda], parameters));
        return FirstStop(new RunTermination(gaussian.Mean.Length, Lambda, 0), Improving, gaussian, update);
    }
}
