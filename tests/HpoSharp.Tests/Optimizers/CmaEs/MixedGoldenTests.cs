using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// The margin of integer and stepped coordinates, the categorical distributions and their combination with the Gaussian
/// against golden numbers of the cmaes package 0.13.1: its CatCMAwM (CatCMA with Margin, Hamano et al., 2025) on
/// continuous and discrete coordinates (from the centre, and from the end levels with a small σ0), its CatCMA (2024) on
/// continuous and categorical ones, and its CatCMAwM on all three kinds. MixedGolden.txt was written by
/// GenerateMixedGolden.py, next to it: eight generations of each, with C0 = I, whose samples were drawn with numpy's
/// generator from the package's distribution (inside the continuous bounds, so that nothing is repaired) and told to it
/// best first, each followed by the package's state. The run sees the same samples in the same order. In every
/// generation h_σ is the same under the package's exponent 2(g + 2) and the tutorial's 2(g + 1), which the generator
/// checks.
/// </summary>
public sealed class MixedGoldenTests
{
    private const double Tolerance = 1e-10;

    /// <summary>
    /// CatCMAwM moves q by δ / (‖F^(-1/2) g‖ + 1e-8) times the natural gradient g (its CatCMA, and the ASNG paper, by
    /// δ / ‖F^(-1/2) g‖), a step shorter by a relative 1e-8 / ‖F^(-1/2) g‖: 5.5e-9 in the first generation here, 2.5e-8
    /// at most.
    /// </summary>
    private const double StepTolerance = 1e-7;

    private static readonly SearchSpace Margin =
    [
        new RangeHP("x0", 0, 1), new RangeHP("x1", 0, 1), new IntRangeHP("n", 0, 7), new RangeHP("s", 0, 3.5, step: 0.5),
        new IntRangeHP("b", 1, 8, log: true),
    ];

    private static readonly SearchSpace Edge = [new RangeHP("x0", 0, 1), new RangeHP("x1", 0, 1), new IntRangeHP("n", 0, 4), new RangeHP("s", 0, 2, step: 0.5)];

    private static readonly SearchSpace CatCma = [new RangeHP("x0", 0, 1), new RangeHP("x1", 0, 1), new ChoiceHP("c0", "a", "b", "c"), new ChoiceHP("c1", "a", "b", "c", "d")];

    private static readonly SearchSpace CatCmaWithMargin =
    [
        new RangeHP("x0", 0, 1), new RangeHP("x1", 0, 1), new IntRangeHP("n", 0, 4), new RangeHP("s", 0, 2, step: 0.5),
        new ChoiceHP("c0", "a", "b", "c"), new ChoiceHP("c1", "a", "b", "c", "d"),
    ];

    [Fact]
    public void TheMarginOfIntegerSteppedAndLogIntegerCoordinatesMatchesCatCmaWithMargin()
    {
        var generations = Replay("margin", Margin, (run, state, g) =>
        {
            AssertGaussian(run, state, g);
            AssertMargin(run, state, g);
        });

        Assert.Equal(8, generations);
    }

    [Fact]
    public void AtTheEndLevelsTheMarginBoundsTheScalingAndRemembersTheLeaveProbabilityAsCatCmaWithMargin()
    {
        var generations = Replay("edge", Edge, (run, state, g) =>
        {
            AssertGaussian(run, state, g);
            AssertMargin(run, state, g);
        });

        Assert.Equal(8, generations);
    }

    [Fact]
    public void TheCategoricalDistributionsAndTheirStepMatchCatCma()
    {
        var generations = Replay("catcma", CatCma, (run, state, g) =>
        {
            // CatCMA's Gaussian has no negative weights, so only the mean, which they do not move, is the same throughout.
            GoldenFile.AssertClose(state["mean"], run.Gaussian!.Mean, Tolerance, $"mean, generation {g}");
            AssertCategorical(run, state, g, Tolerance);
        });

        Assert.Equal(8, generations);
    }

    [Fact]
    public void AllThreeKindsTogetherMatchCatCmaWithMargin()
    {
        var generations = Replay("catcmawm", CatCmaWithMargin, (run, state, g) =>
        {
            AssertGaussian(run, state, g);
            AssertMargin(run, state, g);
            AssertCategorical(run, state, g, StepTolerance);
        });

        Assert.Equal(8, generations);
    }

    [Fact]
    public void TheMarginAndTheCategoricalFloorAreThePackages()
    {
        // α = 1 - 0.73^(1/M) for M discrete and categorical coordinates: CatCMAwM's _alpha for 3 discrete ones, and for
        // 2 discrete and 2 categorical ones (its _qmin is this α over K - 1, the floor CategoricalSearch is given).
        Assert.Equal(0.09958866539062983, new CmaParameters(5, 3, 0, 8).Margin, 15);
        Assert.Equal(0.075662196742039, new CmaParameters(4, 2, 2, 9).Margin, 15);
    }

    /// <summary>
    /// Tells a run over <paramref name="space"/> the golden samples of <paramref name="scenario"/>, generation by
    /// generation, and hands <paramref name="check"/> the run and the package's state after each; returns how many there were.
    /// </summary>
    private static int Replay(string scenario, SearchSpace space, Action<CmaRun, Dictionary<string, double[]>, int> check)
    {
        var lines = GoldenFile.Lines("MixedGolden.txt", scenario);
        var coordinates = new CmaCoordinates(space);
        var run = new CmaRun(coordinates, CmaEsSetup.DefaultLambda(coordinates.SampleLength), lines[1].Values, lines[0].Values[0], null);
        return GoldenFile.Replay(
            lines,
            2,
            run.Parameters.Lambda,
            samples => run.Tell(samples, [.. Enumerable.Range(0, samples.Length).Select(k => (double)-k)], new bool[samples.Length]),
            (state, g) => check(run, state, g));
    }

    private static void AssertGaussian(CmaRun run, Dictionary<string, double[]> state, int g)
    {
        var gaussian = run.Gaussian!;
        GoldenFile.AssertClose(state["mean"], gaussian.Mean, Tolerance, $"mean, generation {g}");
        GoldenFile.AssertClose(state["sigma"], [gaussian.Sigma], Tolerance, $"σ, generation {g}");
        GoldenFile.AssertClose(state["c"], GoldenFile.UpperTriangle(gaussian), Tolerance, $"C, generation {g}");
    }

    private static void AssertMargin(CmaRun run, Dictionary<string, double[]> state, int g)
    {
        var discrete = state["a"].Length;
        GoldenFile.AssertClose(state["a"], run.Gaussian!.Scaling[2..], Tolerance, $"A, generation {g}");
        GoldenFile.AssertClose(state["pmut"], [.. Enumerable.Range(2, discrete).Select(run.Margin!.LeaveProbability)], Tolerance, $"leave probabilities, generation {g}");
    }

    private static void AssertCategorical(CmaRun run, Dictionary<string, double[]> state, int g, double tolerance)
    {
        var categorical = run.Categorical!;
        double[] q = [.. categorical.Probabilities(0), .. categorical.Probabilities(1)];
        GoldenFile.AssertClose(state["q"], q, tolerance, $"q, generation {g}");
        double[] asng = [categorical.Step, categorical.Trust, categorical.Gamma, .. categorical.SmoothedStep];
        GoldenFile.AssertClose(state["asng"], asng, tolerance, $"δ, Δ, γ and s, generation {g}");
    }


}
