using HpoSharp.Optimizers;
using static HpoSharp.Tests.Optimizers.Bayes.ReferenceProblems;

namespace HpoSharp.Tests.Optimizers.Bayes;

/// <summary>
/// The objective of the kernel fit against independent implementations, on the fixed sets of <see cref="ReferenceProblems"/>:
/// the log marginal likelihood and its gradient in the raw hyper-parameters, the log prior, and the optimum of the fit.
/// Golden values: the numeric set's likelihood from scikit-learn 1.2.1, <c>log_marginal_likelihood(theta,
/// eval_gradient=True)</c> of the regressor described in <see cref="GaussianProcessReferenceTests"/>, its gradient in
/// <c>log ℓ_d</c> multiplied by -½ to give the gradient in <c>log θ_d</c>; the mixed set's from numpy 1.24.2 (Rasmussen and
/// Williams 2006, algorithm 2.1 and eq. 5.9); the prior from Optuna's <c>_gp/prior.py</c> (<c>default_log_prior</c>)
/// written out in numpy; the optimum from scipy 1.10.1 <c>minimize(method="L-BFGS-B", gtol=1e-10, ftol=1e-15)</c> of the
/// same loss, written in numpy, from the priors' modes inside the prior's box.
/// </summary>
public sealed class MarginalLikelihoodReferenceTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Sets() => ["numeric", "mixed"];

    [Theory]
    [MemberData(nameof(Sets))]
    public void TheLossAndItsGradientMatchTheReferenceLikelihoodAndOptunasPrior(string set)
    {
        var (categorical, points, values, raw) = Set(set);
        var (logLikelihood, likelihoodGradient, logPrior, priorGradient) = set == "numeric"
            ? (-7.433112880720264,
               new[] { 0.5987215170422968, 0.5922231117579517, -0.9063439856587703, -0.8624860781299915, 0.0656952318076183 },
               -3.070911263430723,
               new[] { -0.15000000000000002, 0.15000000000000002, -0.7875, -0.30000000000000004, 0.07 })
            : (-6.990771285230657,
               new[] { 0.43173177061433, -0.8438606718517094, -0.9485581390280777, -1.3112233772401225, -0.5198802031108248 },
               -2.7772029947141674,
               new[] { -0.2666666666666666, 0.07285714285714287, -0.08333333333333334, 0.19999999999999996, -0.5 });
        var prior = new KernelPrior(categorical.Length);
        var likelihood = new MarginalLikelihood(categorical, points, values, prior);
        var gradient = new double[raw.Length];
        var ownPriorGradient = new double[raw.Length];

        var loss = likelihood.Loss(raw, gradient);
        var ownPrior = prior.LogDensity(raw, ownPriorGradient);

        AssertClose(logPrior, ownPrior, Tolerance, "log prior");
        AssertClose(-(logLikelihood + logPrior), loss, Tolerance, "loss");
        for (var k = 0; k < raw.Length; k++)
        {
            AssertClose(priorGradient[k], ownPriorGradient[k], Tolerance, $"∂ log prior/∂raw{k}");
            AssertClose(-(likelihoodGradient[k] + priorGradient[k]), gradient[k], Tolerance, $"∂loss/∂raw{k}");
        }
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void AFitFromThePriorsModesReachesScipysOptimum(string set)
    {
        var (categorical, points, values, _) = Set(set);
        var (optimum, expected) = set == "numeric"
            ? (5.243836718923966, new[] { 0.7419069369758455, -0.43207750514716153, -1.5336240310067446, -0.2817627102757488, -5.138944908446432 })
            : (6.295407199438674, new[] { 0.8963110525442515, -2.002708939018848, -1.4406386421884823, -0.2867975789557075, -6.581529820786934 });
        var likelihood = new MarginalLikelihood(categorical, points, values, new KernelPrior(categorical.Length));

        var raw = KernelFit.Fit(likelihood, null, 0, new RandomStream(1));

        // The fit stops at a projected gradient of 1e-2 (KernelFit.GradientTolerance): close to the optimum, not on it.
        var loss = likelihood.Loss(raw, new double[raw.Length]);
        Assert.InRange(loss, optimum, optimum + 1e-4);
        for (var k = 0; k < raw.Length; k++)
        {
            Assert.True(Math.Abs(raw[k] - expected[k]) < 1e-2, $"raw{k} = {raw[k]:R}, scipy {expected[k]:R}");
        }
    }

    private static (bool[] Categorical, double[] Points, double[] Values, double[] Raw) Set(string set) => set == "numeric"
        ? (NumericCategorical, NumericPoints, NumericValues, NumericRaw)
        : (MixedCategorical, MixedPoints, MixedValues, MixedRaw);
}
