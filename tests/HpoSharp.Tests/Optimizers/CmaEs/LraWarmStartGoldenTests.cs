using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// Learning rate adaptation and the warm start against golden numbers of the cmaes package 0.13.1: its CMA with
/// lr_adapt=True (LRA-CMA-ES, Nomura, Akimoto and Ono, 2023) and its get_warm_start_mgd (WS-CMA-ES, Nomura et al.,
/// 2021). LraWarmStartGolden.txt was written by GenerateLraWarmStartGolden.py, next to it: ten generations of n = 5 and
/// the default λ = 8 on the rotated ellipsoid of CmaesGolden.txt, whose samples were drawn with numpy's generator from
/// the package's distribution and told to it best first, each followed by the package's mean, σ, C (upper triangle)
/// and rates η_m and η_Σ; then 40 source points in n = 4 with their values and the Gaussians the package fits to the
/// points, mapped to the unit cube, for three pairs (γ, α). Both decompose C after every update with LRA (the package
/// after every update in any case). The package divides the covariance's step in local coordinates by √2, which no
/// ratio of the adaptation sees; γ N is an integer in every fit here, where the package's ⌊γ N⌋ and our ⌈γ N⌉ agree.
/// </summary>
public sealed class LraWarmStartGoldenTests
{
    private const int N = 5;
    private const double Tolerance = 1e-10;

    private static readonly SearchSpace Source =
        [new RangeHP("x0", 0, 10), new RangeHP("x1", -5, 5), new LogRangeHP("x2", 1e-3, 1), new RangeHP("x3", 0, 1)];

    [Fact]
    public void TenGenerationsOfLearningRateAdaptationMatchThePackageToTenDigits()
    {
        var lines = GoldenFile.Lines("LraWarmStartGolden.txt", "lra");
        var gaussian = new GaussianSearch(lines[0].Values, lines[1].Values[0], new GaussianVariant(AdaptLearningRates: true));
        var p = new CmaParameters(N, 0, 0, CmaEsSetup.DefaultLambda(N));

        var generations = GoldenFile.Replay(lines, 2, gaussian, p, (state, g) =>
        {
            GoldenFile.AssertClose(state["mean"], gaussian.Mean, Tolerance, $"mean, generation {g}");
            GoldenFile.AssertClose(state["sigma"], [gaussian.Sigma], Tolerance, $"σ, generation {g}");
            GoldenFile.AssertClose(state["c"], GoldenFile.UpperTriangle(gaussian), Tolerance, $"C, generation {g}");
            GoldenFile.AssertClose(state["rates"], [gaussian.MeanRate, gaussian.CovarianceRate], Tolerance, $"η_m and η_Σ, generation {g}");
        });

        Assert.Equal(10, generations);
        Assert.Equal(10, gaussian.Updates);
        Assert.True(gaussian.MeanRate < 0.6, "the mean's rate has moved well away from 1");
    }

    [Fact]
    public void TheWarmStartGaussianMatchesThePackagesFitToTheSamePoints()
    {
        var lines = GoldenFile.Lines("LraWarmStartGolden.txt", "warmstart");
        var study = new Study(new RandomOptimizer(Source), new StudyOptions { Seed = 1 });
        foreach (var (_, x) in lines.Where(l => l.Name == "x"))
        {
            study.AddTrial(Enumerable.Range(0, 4).ToDictionary(i => $"x{i}", i => (object?)x[i]), x[4]);
        }

        var fits = 0;
        for (var at = lines.FindIndex(l => l.Name == "fit"); at < lines.Count; at += 4, fits++)
        {
            var (share, spread) = (lines[at].Values[0], lines[at].Values[1]);
            var options = new CmaEsOptions { WarmStartFrom = study.GetResult(), WarmStartTopShare = share, WarmStartSpread = spread };
            var start = WarmStart.Of(options, Source, new CmaCoordinates(Source))!;
            GoldenFile.AssertClose(lines[at + 1].Values, start.Mean, Tolerance, $"mean, γ = {share}, α = {spread}");
            GoldenFile.AssertClose(lines[at + 2].Values, [start.Sigma], Tolerance, $"σ, γ = {share}, α = {spread}");
            GoldenFile.AssertClose(lines[at + 3].Values, start.Covariance!, Tolerance, $"C, γ = {share}, α = {spread}");
        }

        Assert.Equal(3, fits);
    }
}
