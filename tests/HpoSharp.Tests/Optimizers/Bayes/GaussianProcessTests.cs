using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.Bayes;

public sealed class GaussianProcessTests
{
    private const double Noise = 1e-4;

    [Fact]
    public void PosteriorMatchesTheClosedFormOfTwoObservations()
    {
        // Two points at 0 and 1, values 1 and 2, θ = 1, s = 1: with a = 1 + noise and b = m(1),
        // the mean at 0.5 is 3 m(0.25) / (a + b) and the variance 1 - 2 m(0.25)² / (a + b).
        var process = new GaussianProcess(Kernel([false], 1, 1), [0, 1], [1, 2]);
        var a = 1 + Noise;
        var b = (1 + Math.Sqrt(5) + (5.0 / 3)) * Math.Exp(-Math.Sqrt(5));
        var half = (1 + (Math.Sqrt(5) * 0.5) + (5.0 / 12)) * Math.Exp(-Math.Sqrt(5) * 0.5);

        var (mean, variance) = process.Predict([0.5]);

        Assert.Equal(3 * half / (a + b), mean, 12);
        Assert.Equal(1 - (2 * half * half / (a + b)), variance, 12);
        Assert.Equal(0.9998 * 1, process.Predict([0]).Mean, 3);
    }

    [Fact]
    public void TheMaternCorrelationHasItsKnownValuesAndSlope()
    {
        Assert.Equal(1, MaternKernel.Correlation(0));
        Assert.Equal((1 + Math.Sqrt(5) + (5.0 / 3)) * Math.Exp(-Math.Sqrt(5)), MaternKernel.Correlation(1), 15);
        Assert.Equal(-5.0 / 6, MaternKernel.CorrelationSlope(0));
        var h = 1e-6;
        Assert.Equal((MaternKernel.Correlation(0.7 + h) - MaternKernel.Correlation(0.7 - h)) / (2 * h), MaternKernel.CorrelationSlope(0.7), 8);
    }

    [Fact]
    public void CategoricalAndInactiveCoordinatesHaveTheDocumentedDistances()
    {
        var kernel = Kernel([false, true], 2, 1.5);

        Assert.Equal(0, kernel.DimensionDistance(1, 2, 2));
        Assert.Equal(1, kernel.DimensionDistance(1, 0, 2));
        Assert.Equal(1, kernel.DimensionDistance(1, double.NaN, 2));
        Assert.Equal(0, kernel.DimensionDistance(1, double.NaN, double.NaN));
        Assert.Equal(0.09, kernel.DimensionDistance(0, 0.2, 0.5), 15);
        Assert.Equal(0.09 + 1, kernel.DimensionDistance(0, 0.2, double.NaN), 15);
        Assert.Equal(0, kernel.DimensionDistance(0, double.NaN, double.NaN));
        Assert.Equal(1.5 * MaternKernel.Correlation(2 * (0.04 + 1)), kernel.Covariance([0.3, 0], [0.5, 1]), 15);
    }

    [Fact]
    public void PredictionsOnMixedConditionalDataMatchADirectSolveWithTheScalarKernel()
    {
        // The vectorised path (coordinate columns, batched covariances, Cholesky) against the kernel's scalar definition
        // and a plain Gauss-Jordan solve, with choices and inactive coordinates in both the data and the queries.
        var rng = new HpoSharp.Optimizers.RandomStream(21);
        bool[] categorical = [false, true, false];
        const int n = 15;
        var points = new double[n * 3];
        for (var i = 0; i < n; i++)
        {
            points[i * 3] = rng.NextDouble();
            points[(i * 3) + 1] = i % 5 == 0 ? double.NaN : rng.NextInt(3);
            points[(i * 3) + 2] = i % 3 == 0 ? double.NaN : rng.NextDouble();
        }

        var values = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        var kernel = new MaternKernel(categorical, new KernelParameters([3, 0.7, 5], 1.4, 1e-3));
        var process = new GaussianProcess(kernel, points, values);
        // The first coordinate is active in every data point, and inactive only in the last query.
        double[][] queries = [[0.3, 1, 0.8], [0.9, double.NaN, 0.1], [0.5, 2, double.NaN], [0.1, double.NaN, double.NaN], [double.NaN, 1, 0.8]];
        var (means, variances) = (new double[queries.Length], new double[queries.Length]);
        process.PredictMany([.. queries.SelectMany(q => q)], queries.Length, means, variances);

        var k = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                k[i, j] = kernel.Covariance(points.AsSpan(i * 3, 3), points.AsSpan(j * 3, 3)) + (i == j ? 1e-3 : 0);
            }
        }

        for (var q = 0; q < queries.Length; q++)
        {
            var cross = Enumerable.Range(0, n).Select(i => kernel.Covariance(queries[q], points.AsSpan(i * 3, 3))).ToArray();
            var alpha = Solve(k, values);
            var v = Solve(k, cross);
            Assert.Equal(cross.Zip(alpha).Sum(p => p.First * p.Second), means[q], 9);
            Assert.Equal(1.4 - cross.Zip(v).Sum(p => p.First * p.Second), variances[q], 9);
            Assert.Equal(means[q], process.Predict(queries[q]).Mean, 9);
        }
    }

    [Fact]
    public void GradientsOfMeanAndVarianceAgreeWithFiniteDifferences()
    {
        var rng = new HpoSharp.Optimizers.RandomStream(3);
        var categorical = new[] { false, false, true, false };
        var points = new double[12 * 4];
        var values = new double[12];
        for (var i = 0; i < 12; i++)
        {
            points[(i * 4) + 0] = rng.NextDouble();
            points[(i * 4) + 1] = rng.NextDouble();
            points[(i * 4) + 2] = rng.NextInt(3);
            points[(i * 4) + 3] = i % 3 == 0 ? double.NaN : rng.NextDouble();
            values[i] = rng.NextGaussian();
        }

        var process = new GaussianProcess(new MaternKernel(categorical, new KernelParameters([2, 5, 1, 3], 1.3, 1e-3)), points, values);
        double[] x = [0.4, 0.6, 1, 0.2];
        int[] dimensions = [0, 1, 3];
        var meanGradient = new double[3];
        var varianceGradient = new double[3];
        process.PredictWithGradient(x, dimensions, meanGradient, varianceGradient);
        for (var j = 0; j < 3; j++)
        {
            var (up, down) = ((double[])x.Clone(), (double[])x.Clone());
            up[dimensions[j]] += 1e-6;
            down[dimensions[j]] -= 1e-6;
            Assert.Equal((process.Predict(up).Mean - process.Predict(down).Mean) / 2e-6, meanGradient[j], 6);
            Assert.Equal((process.Predict(up).Variance - process.Predict(down).Variance) / 2e-6, varianceGradient[j], 6);
        }
    }

    [Fact]
    public void BatchPredictionsEqualSinglePredictions()
    {
        var rng = new HpoSharp.Optimizers.RandomStream(8);
        var points = Enumerable.Range(0, 40).Select(_ => rng.NextDouble()).ToArray();
        var values = Enumerable.Range(0, 20).Select(_ => rng.NextGaussian()).ToArray();
        var process = new GaussianProcess(Kernel([false, false], 4, 1), points, values);
        var queries = Enumerable.Range(0, 600).Select(_ => rng.NextDouble()).ToArray();
        var (means, variances) = (new double[300], new double[300]);

        process.PredictMany(queries, 300, means, variances);

        for (var i = 0; i < 300; i += 37)
        {
            var (mean, variance) = process.Predict(queries.AsSpan(i * 2, 2));
            Assert.Equal(mean, means[i], 10);
            Assert.Equal(variance, variances[i], 10);
        }
    }

    [Fact]
    public void DuplicatePointsWithoutNoiseStillFactorWithJitter()
    {
        var kernel = new MaternKernel([false], new KernelParameters([1], 1, 0));
        var process = new GaussianProcess(kernel, [0.3, 0.3, 0.3, 0.7], [1, 1, 1, 0]);

        var (mean, variance) = process.Predict([0.3]);

        Assert.Equal(1, mean, 4);
        Assert.InRange(variance, 0, 1e-4);
    }

    /// <summary>Solves <c>A x = b</c> for the n×n part of <paramref name="a"/> by Gauss–Jordan elimination with partial pivoting.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = new double[n, n + 1];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                m[i, j] = a[i, j];
            }

            m[i, n] = b[i];
        }

        for (var c = 0; c < n; c++)
        {
            var pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(m[r, c]));
            for (var j = 0; j <= n; j++)
            {
                (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            }

            for (var r = 0; r < n; r++)
            {
                if (r != c)
                {
                    var f = m[r, c] / m[c, c];
                    for (var j = c; j <= n; j++)
                    {
                        m[r, j] -= f * m[c, j];
                    }
                }
            }
        }

        return [.. Enumerable.Range(0, n).Select(i => m[i, n] / m[i, i])];
    }

    private static MaternKernel Kernel(bool[] categorical, double theta, double scale) =>
        new(categorical, new KernelParameters([.. categorical.Select(_ => theta)], scale, Noise));
}
