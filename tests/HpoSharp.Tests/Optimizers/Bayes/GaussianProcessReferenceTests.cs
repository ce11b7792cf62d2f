using HpoSharp.Optimizers;
using static HpoSharp.Tests.Optimizers.Bayes.ReferenceProblems;

namespace HpoSharp.Tests.Optimizers.Bayes;

/// <summary>
/// The kernel and the posterior against independent implementations, on the fixed sets of <see cref="ReferenceProblems"/>.
/// Golden values of the numeric set: scikit-learn 1.2.1 (numpy 1.24.2), <c>GaussianProcessRegressor(kernel=
/// ConstantKernel(s) * Matern(length_scale=1/√θ, nu=2.5) + WhiteKernel(noise), alpha=0, optimizer=None, normalize_y=False)</c>:
/// <c>kernel_(X)</c> for the matrix, <c>predict(return_std=True)</c> for the posterior, its variance minus the noise
/// (scikit-learn predicts y, the process predicts the latent f). Golden values of the mixed set and of the gradients:
/// numpy 1.24.2, Rasmussen and Williams (2006) algorithm 2.1 with an explicit inverse, the Hamming and inactive distances
/// of docs/BAYES.md, and <c>∂k(x, x_i)/∂x_d = s m'(r²) 2θ_d (x_d - x_id)</c>.
/// </summary>
public sealed class GaussianProcessReferenceTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void TheKernelMatrixMatchesScikitLearn()
    {
        double[] expected =
        [
            1.301, 0.8717552747149108, 1.301, 0.7735652920001901, 1.055672830252843, 1.301,
            0.37572407619404175, 0.27226195005353676, 0.30068532898424954, 1.301, 0.6946058317593776, 0.6443763643634901,
            0.7282363040106766, 0.9076309643417472, 1.301, 1.2815046446674678, 0.9077236223751705, 0.8498432192729914,
            0.3489240832054544, 0.6833448386089607, 1.301, 0.3273244513598619, 0.1789563013585003, 0.219827110699138,
            1.0304323737359082, 0.6497170521131281, 0.3055879530212869, 1.301, 0.136752437028363, 0.10348498206752833,
            0.1442052749484387, 0.8193267058743223, 0.46868929725792274, 0.13147904168350724, 0.7928031983720074, 1.301,
        ];
        var kernel = new MaternKernel(NumericCategorical, KernelParameters.FromRaw(NumericRaw));
        const int n = 8;

        var k = GaussianProcess.CovarianceMatrix(kernel, NumericPoints, new PointColumns(NumericCategorical, NumericPoints, n), null);

        var index = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                AssertClose(expected[index++], k[(i * n) + j], Tolerance, $"K[{i},{j}]");
            }
        }
    }

    [Fact]
    public void ThePosteriorOfTheNumericSetMatchesScikitLearn()
    {
        double[] means = [-0.43523789385174455, -0.07632281663531648, -0.4829513288888011, -0.6753822525461322];
        double[] variances = [0.24821169064762075, 0.12236384085857799, 0.45959208490356623, 0.000996789179410152];
        double[][] meanGradients =
        [
            [0.5451009188106776, 0.4804142489593158, -0.4959986735363353],
            [0.6089640538120008, 0.9787002119770645, -1.2889853794813],
            [0.3765577902167768, 0.35443426640658937, -0.3534492263931457],
            [1.9856861181559562, 0.9712601748780196, -0.045588722243671664],
        ];
        double[][] varianceGradients =
        [
            [-1.0656107898930147, -0.16485889006050827, -0.206696680828085],
            [0.7556137248637396, 0.025233301188842837, 0.18914474648034246],
            [0.8819149963916255, -0.6164458902780116, -0.5130357891082034],
            [-0.0038630848975977714, 0.0010905508074221895, -0.0011506498731172835],
        ];

        AssertPosterior(NumericCategorical, NumericPoints, NumericValues, NumericRaw, NumericQueries, means, variances, meanGradients, varianceGradients);
    }

    [Fact]
    public void ThePosteriorOfTheMixedConditionalSetMatchesADirectSolve()
    {
        double[] means = [0.4820320106836967, -0.5281471860081821, 0.026255902817039822, -0.19449703368875482];
        double[] variances = [0.09451580667647708, 0.01149712377379708, 0.38185068779768655, 0.4203348764116729];
        double[][] meanGradients =
        [
            [-2.5822098461647793, 0.27320972272747346],
            [-2.0120005160011893],
            [-2.261583520160338, 0.11944668353621957],
            [-2.220347241551197, 0.11200717537099766],
        ];
        double[][] varianceGradients =
        [
            [0.276819781396165, -0.40052892452210154],
            [0.08308335769816852],
            [-0.30060973951174985, 0.2492954359302785],
            [-0.001746347312139851, -0.13093620144861207],
        ];

        AssertPosterior(MixedCategorical, MixedPoints, MixedValues, MixedRaw, MixedQueries, means, variances, meanGradients, varianceGradients);
    }

    /// <summary>Checks the three prediction paths (single, batched, with gradient) against the golden values.</summary>
    private static void AssertPosterior(
        bool[] categorical, double[] points, double[] values, double[] raw, double[] queries,
        double[] means, double[] variances, double[][] meanGradients, double[][] varianceGradients)
    {
        var p = categorical.Length;
        var process = new GaussianProcess(new MaternKernel(categorical, KernelParameters.FromRaw(raw)), points, values);
        var count = means.Length;
        var manyMeans = new double[count];
        var manyVariances = new double[count];
        process.PredictMany(queries, count, manyMeans, manyVariances);
        for (var t = 0; t < count; t++)
        {
            var x = queries.AsSpan(t * p, p).ToArray();
            var (mean, variance) = process.Predict(x);
            int[] dimensions = [.. Enumerable.Range(0, p).Where(d => !categorical[d] && !double.IsNaN(x[d]))];
            var meanGradient = new double[dimensions.Length];
            var varianceGradient = new double[dimensions.Length];
            var (gradientMean, gradientVariance) = process.PredictWithGradient(x, dimensions, meanGradient, varianceGradient);
            foreach (var (actual, path) in new[] { (mean, "Predict"), (manyMeans[t], "PredictMany"), (gradientMean, "PredictWithGradient") })
            {
                AssertClose(means[t], actual, Tolerance, $"mean at query {t} ({path})");
            }

            foreach (var (actual, path) in new[] { (variance, "Predict"), (manyVariances[t], "PredictMany"), (gradientVariance, "PredictWithGradient") })
            {
                AssertClose(variances[t], actual, Tolerance, $"variance at query {t} ({path})");
            }

            Assert.Equal(meanGradients[t].Length, dimensions.Length);
            for (var j = 0; j < dimensions.Length; j++)
            {
                AssertClose(meanGradients[t][j], meanGradient[j], Tolerance, $"∂mean/∂x{dimensions[j]} at query {t}");
                AssertClose(varianceGradients[t][j], varianceGradient[j], Tolerance, $"∂variance/∂x{dimensions[j]} at query {t}");
            }
        }
    }
}
