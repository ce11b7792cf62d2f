using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.MoCmaEs;

public sealed class ElitistStrategyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void TheConstantsAreThoseOfTheElitistCmaEsOfMoCmaEs(int n)
    {
        var p = new ElitistParameters(n);
        Assert.Equal(2.0 / 11, p.TargetSuccess, 15);
        Assert.Equal(1.0 / 12, p.SuccessRate, 15);
        Assert.Equal(1 + (n / 2.0), p.Damping, 15);
        Assert.Equal(2.0 / (n + 2), p.PathRate, 15);
        Assert.Equal(2.0 / ((n * n) + 6), p.CovarianceRate, 15);
        Assert.Equal(0.44, p.SuccessThreshold);
        Assert.Equal(Math.Sqrt(n) + (2.0 * n / (n + 2)), p.MaxStepLength, 15);
    }

    [Fact]
    public void StepSizePathAndCovarianceFollowTheRulesOfTheElitistCmaEs()
    {
        // 1: an offspring's success with step y; 0 and 2: a parent whose offspring failed or succeeded. Six successes in
        // a row take the success probability above 0.44, where the path stops taking steps in.
        const int n = 3;
        var p = new ElitistParameters(n);
        double target = 2.0 / 11, rate = target / (2 + target), damping = 1 + (n / 2.0), cc = 2.0 / (n + 2), ccov = 2.0 / ((n * n) + 6);
        var strategy = new ElitistStrategy(n, 0.3, target);
        var (sigma, success) = (0.3, target);
        var path = new double[n];
        var c = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            c[i, i] = 1;
        }

        var rng = new RandomStream(5);
        var stalls = 0;
        foreach (var outcome in (int[])[1, 0, 1, 2, 1, 1, 1, 1, 1, 1, 1, 0, 1])
        {
            success = ((1 - rate) * success) + (outcome > 0 ? rate : 0);
            sigma *= Math.Exp((success - target) / (damping * (1 - target)));
            if (outcome != 1)
            {
                strategy = strategy.AfterOffspring(outcome == 2, p);
            }
            else
            {
                var y = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
                strategy = strategy.AfterSuccess(y, p);
                var stalled = success >= 0.44;
                stalls += stalled ? 1 : 0;
                var old = (double[,])c.Clone();
                for (var i = 0; i < n; i++)
                {
                    path[i] = ((1 - cc) * path[i]) + (stalled ? 0 : Math.Sqrt(cc * (2 - cc)) * y[i]);
                }

                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        c[i, j] = ((1 - ccov) * old[i, j]) + (ccov * ((path[i] * path[j]) + (stalled ? cc * (2 - cc) * old[i, j] : 0)));
                    }
                }
            }

            Assert.Equal(sigma, strategy.Sigma, 12);
            Assert.Equal(success, strategy.SuccessProbability, 12);
            var inverse = Invert(c);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(sigma * Math.Sqrt(c[i, i]), strategy.Deviation(i), 12);
                for (var j = 0; j < n; j++)
                {
                    // ‖A⁻¹ v‖² = vᵀ C⁻¹ v, on vectors that reach every entry of C⁻¹.
                    double[] v = [.. Enumerable.Range(0, n).Select(k => (k == i ? 1.0 : 0) + (k == j ? 0.5 : 0))];
                    var quadratic = 0.0;
                    for (var k = 0; k < n; k++)
                    {
                        for (var l = 0; l < n; l++)
                        {
                            quadratic += v[k] * inverse[k, l] * v[l];
                        }
                    }

                    Assert.Equal(Math.Sqrt(quadratic), strategy.Length(v), 10);
                }
            }
        }

        Assert.InRange(stalls, 2, 8);
    }

    [Fact]
    public void AStepIsTheFactorTimesAStandardNormalVector()
    {
        // After a few successes the factor A is no longer symmetric; a step y = A z has Mahalanobis length ‖A⁻¹ y‖ = ‖z‖.
        const int n = 3;
        var p = new ElitistParameters(n);
        var strategy = new ElitistStrategy(n, 0.3, p.TargetSuccess);
        strategy = strategy.AfterSuccess([1, 0.5, -2], p).AfterSuccess([-1, 2, 0.3], p).AfterSuccess([0.2, -0.7, 1.5], p);
        for (var seed = 1UL; seed <= 5; seed++)
        {
            var y = strategy.Step(new RandomStream(seed));
            var normals = new RandomStream(seed);
            var z = Enumerable.Range(0, n).Select(_ => normals.NextGaussian()).ToArray();
            Assert.Equal(Math.Sqrt(z.Sum(v => v * v)), strategy.Length(y), 10);
        }
    }

    [Fact]
    public void AnUpdateWithAnEmptyPathStillShrinksTheCovariance()
    {
        // A parent whose offspring succeeded five times in a row has a success probability above 0.44 and still the empty
        // path it started with: an offspring that inherits it and succeeds keeps the path empty, and C becomes
        // (1 - c_cov) C + c_cov c_c (2 - c_c) C. A step of 0 (every coordinate clamped at a bound) from the empty path
        // leaves it empty too, and C becomes (1 - c_cov) C.
        const int n = 3;
        var p = new ElitistParameters(n);
        double cc = p.PathRate, ccov = p.CovarianceRate;
        var parent = new ElitistStrategy(n, 0.3, p.TargetSuccess);
        for (var i = 0; i < 5; i++)
        {
            parent = parent.AfterOffspring(true, p);
        }

        Assert.True(parent.SuccessProbability >= p.SuccessThreshold, $"success probability {parent.SuccessProbability}");
        var stalled = parent.AfterSuccess([1, -0.5, 2], p);
        var fresh = new ElitistStrategy(n, 0.3, p.TargetSuccess).AfterSuccess([0, 0, 0], p);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(stalled.Sigma * Math.Sqrt(1 - ccov + (ccov * cc * (2 - cc))), stalled.Deviation(i), 12);
            Assert.Equal(fresh.Sigma * Math.Sqrt(1 - ccov), fresh.Deviation(i), 12);
        }

        double[] v = [1, 2, -1];
        Assert.Equal(v.Sum(x => x * x) / (1 - ccov), Math.Pow(fresh.Length(v), 2), 12);
    }

    /// <summary>The inverse of a symmetric positive definite matrix, by Gauss-Jordan elimination.</summary>
    private static double[,] Invert(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            inverse[i, i] = 1;
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = a[col, col];
            for (var k = 0; k < n; k++)
            {
                a[col, k] /= pivot;
                inverse[col, k] /= pivot;
            }

            for (var row = 0; row < n; row++)
            {
                if (row != col)
                {
                    var factor = a[row, col];
                    for (var k = 0; k < n; k++)
                    {
                        a[row, k] -= factor * a[col, k];
                        inverse[row, k] -= factor * inverse[col, k];
                    }
                }
            }
        }

        return inverse;
    }
}
