using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.Bayes;

public sealed class KernelFitTests
{
    [Theory]
    [InlineData(0.3, 0.05, 1)]
    [InlineData(0, 0, 1e-3)]
    public void TheFittedNoiseFollowsTheNoiseInTheValues(double noise, double low, double high)
    {
        var rng = new RandomStream(7);
        double[] points = [.. Enumerable.Range(0, 40).Select(_ => rng.NextDouble())];
        var values = OutputWarping.Standardize([.. points.Select(x => Math.Sin(3 * x) + (noise * rng.NextGaussian()))]);

        var raw = KernelFit.Fit(new MarginalLikelihood([false], points, values, new KernelPrior(1)), null, restarts: 2, new RandomStream(1));

        Assert.InRange(KernelParameters.FromRaw(raw).Noise, low, high);
    }
}
