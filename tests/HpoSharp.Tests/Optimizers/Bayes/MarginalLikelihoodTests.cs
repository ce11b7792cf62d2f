using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.Bayes;

public sealed class MarginalLikelihoodTests
{
    [Fact]
    public void TheLossOfOnePointIsTheNegativeLogDensityOfItsValue()
    {
        // n = 1: log p(y) = -y² / (2v) - log(v) / 2 - log(2π) / 2 with v = s + noise.
        var prior = new KernelPrior(1);
        var likelihood = new MarginalLikelihood([false], [0.4], [1.5], prior);
        double[] raw = [0.3, Math.Log(2), Math.Log(0.5)];
        var gradient = new double[3];
        var priorOnly = prior.LogDensity(raw, new double[3]);

        var loss = likelihood.Loss(raw, gradient);

        var v = 2.5;
        Assert.Equal((1.5 * 1.5 / (2 * v)) + (0.5 * Math.Log(v)) + (0.5 * Math.Log(2 * Math.PI)) - priorOnly, loss, 12);
    }

    [Fact]
    public void GradientsAgreeWithFiniteDifferencesOnMixedAndConditionalData()
    {
        var rng = new RandomStream(11);
        bool[] categorical = [false, true, false, false];
        const int n = 25;
        var points = new double[n * 4];
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            points[(i * 4) + 0] = rng.NextDouble();
            points[(i * 4) + 1] = rng.NextInt(4);
            points[(i * 4) + 2] = i % 4 == 1 ? double.NaN : rng.NextDouble();
            points[(i * 4) + 3] = rng.NextDouble();
            values[i] = Math.Sin(5 * points[i * 4]) + (0.3 * points[(i * 4) + 1]) + (0.1 * rng.NextGaussian());
        }

        var likelihood = new MarginalLikelihood(categorical, points, values, new KernelPrior(4));
        double[] raw = [0.5, -0.3, 1.2, -1, 0.2, -3];
        var gradient = new double[raw.Length];
        likelihood.Loss(raw, gradient);
        for (var k = 0; k < raw.Length; k++)
        {
            var (up, down) = ((double[])raw.Clone(), (double[])raw.Clone());
            up[k] += 1e-5;
            down[k] -= 1e-5;
            var numeric = (likelihood.Loss(up, new double[raw.Length]) - likelihood.Loss(down, new double[raw.Length])) / 2e-5;
            Assert.Equal(numeric, gradient[k], 5);
        }
    }

    [Fact]
    public void AFitFindsTheRelevantDimension()
    {
        // y depends on the first coordinate only: its length scale must come out much shorter than the second's.
        var rng = new RandomStream(4);
        const int n = 30;
        var points = Enumerable.Range(0, 2 * n).Select(_ => rng.NextDouble()).ToArray();
        var values = OutputWarping.Standardize([.. Enumerable.Range(0, n).Select(i => Math.Sin(6 * points[2 * i]))]);
        var likelihood = new MarginalLikelihood([false, false], points, values, new KernelPrior(2));

        var fit = KernelParameters.FromRaw(KernelFit.Fit(likelihood, null, 2, new RandomStream(1)));

        Assert.True(fit.InverseSquaredLengthScales[0] > 20 * fit.InverseSquaredLengthScales[1], $"θ = {string.Join(", ", fit.InverseSquaredLengthScales)}");
        Assert.True(fit.Noise < 1e-3, $"noise = {fit.Noise}");
    }
}
