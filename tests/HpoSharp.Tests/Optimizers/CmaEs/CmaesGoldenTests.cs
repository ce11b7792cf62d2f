using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// The constants and the Gaussian update against golden numbers of the cmaes package 0.13.1 (its CMA class, which
/// Optuna's CmaEsSampler uses). CmaesGolden.txt was written by GenerateCmaesGolden.py, next to it: eight generations of
/// n = 5 and the default λ = 8 on a rotated ellipsoid, whose samples were drawn with numpy's generator from the
/// package's distribution and told to it best first, each followed by the package's mean, σ, p_σ, p_c and C (upper
/// triangle). Both decompose C after every update (the eigen interval is 1 for n = 5), and h_σ is 0 in generations 3, 4
/// and 6, far enough from the threshold that the package's exponent 2(g + 2), one more than the tutorial's 2(g + 1),
/// does not change it.
/// </summary>
public sealed class CmaesGoldenTests
{
    private const int N = 5;
    private const double Tolerance = 1e-10;

    [Theory]
    [InlineData(2, 6, 2.0286114646100617, 0.1548153998964136, 0.057859085071916304, 0.44620498737831715, 1.4462049873783172, 0.6245545390268264, 1.254272742818995, 0.6370425712412168, -1.1559817781589212, -1.207323654840602)]
    [InlineData(5, 8, 2.6001788261131793, 0.047292304159400896, 0.03816916070385781, 0.3650883760934854, 1.3650883760934853, 0.4501995579928079, 2.1285237557247996, 0.5299301844787792, -0.9134980955117175, -1.2390187074409784)]
    [InlineData(10, 10, 3.1672992814107026, 0.015283824524751714, 0.02015428276120838, 0.2844285879463675, 1.2844285879463675, 0.29499038303562225, 3.0847265651690123, 0.45627264690340597, -0.5862218287788353, -0.7583412769304296)]
    [InlineData(40, 15, 4.540915209075957, 0.0011694327252618397, 0.0031225007109974066, 0.1320305687020827, 1.1320305687020826, 0.09300921663424917, 6.28521508039776, 0.34479619859202054, -0.3155046217960348, -0.37451800127478385)]
    public void TheConstantsOfTheDefaultPopulationAreThePackages(
        int n, int lambda, double muEff, double c1, double cMu, double cSigma, double dSigma, double cc, double chiN, double best, double worst, double weightSum)
    {
        var p = new CmaParameters(n, 0, 0, CmaEsSetup.DefaultLambda(n));

        Assert.Equal(lambda, p.Lambda);
        double[] expected = [muEff, c1, cMu, cSigma, dSigma, cc, chiN, best, worst, weightSum];
        double[] actual = [p.MuEff, p.C1, p.CMu, p.CSigma, p.DSigma, p.Cc, p.ChiN, p.Weights[0], p.Weights[^1], p.Weights.Sum()];
        GoldenFile.AssertClose(expected, actual, 1e-14, $"n = {n}");
    }

    [Fact]
    public void EightGenerationsOfTheUpdateMatchThePackageToTenDigits()
    {
        var lines = GoldenFile.Lines("CmaesGolden.txt");
        var gaussian = new GaussianSearch(lines[0].Values, lines[1].Values[0]);
        var p = new CmaParameters(N, 0, 0, CmaEsSetup.DefaultLambda(N));
        Assert.Equal(1, p.EigenInterval);

        var generations = GoldenFile.Replay(lines, 2, gaussian, p, (state, g) =>
        {
            GoldenFile.AssertClose(state["mean"], gaussian.Mean, Tolerance, $"mean, generation {g}");
            GoldenFile.AssertClose(state["sigma"], [gaussian.Sigma], Tolerance, $"σ, generation {g}");
            GoldenFile.AssertClose(state["ps"], gaussian.StepSizePath.ToArray(), Tolerance, $"p_σ, generation {g}");
            GoldenFile.AssertClose(state["pc"], gaussian.RankOnePath.ToArray(), Tolerance, $"p_c, generation {g}");
            GoldenFile.AssertClose(state["c"], GoldenFile.UpperTriangle(gaussian), Tolerance, $"C, generation {g}");
        });

        Assert.Equal(8, generations);
        Assert.Equal(8, gaussian.Updates);
    }


}
