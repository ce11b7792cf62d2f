using BenchmarkDotNet.Attributes;
using HpoSharp.Optimizers;
using MathNet.Numerics.LinearAlgebra;

/// <summary>
/// The factorisation and solve a Gaussian-process fit repeats many times per suggestion (a Matérn-like covariance of
/// n points in 10 dimensions): <c>bayes</c>'s own Cholesky factor against MathNet.Numerics' managed one.
/// </summary>
public class CholeskyBenchmark
{
    private double[] _covariance = [];
    private Matrix<double> _matrix = null!;
    private double[] _values = [];

    /// <summary>The number of trials in the model.</summary>
    [Params(150, 300)]
    public int N { get; set; }

    /// <summary>Builds a positive definite covariance matrix of N random points.</summary>
    [GlobalSetup]
    public void Setup()
    {
        const int dims = 10;
        var random = new Random(1);
        var points = Enumerable.Range(0, N * dims).Select(_ => random.NextDouble()).ToArray();
        _covariance = new double[N * N];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                var squared = Enumerable.Range(0, dims).Sum(k => Math.Pow(points[(i * dims) + k] - points[(j * dims) + k], 2));
                _covariance[(i * N) + j] = Math.Exp(-squared) + (i == j ? 1e-6 : 0);
            }
        }

        _matrix = Matrix<double>.Build.Dense(N, N, (i, j) => _covariance[(i * N) + j]);
        _values = [.. Enumerable.Range(0, N).Select(_ => random.NextDouble())];
    }

    /// <summary>Factor, solve, log-determinant with <c>bayes</c>'s Cholesky factor.</summary>
    [Benchmark(Baseline = true)]
    public double Ours()
    {
        var factor = CholeskyFactor.Factor(_covariance, N);
        var solution = (double[])_values.Clone();
        factor.Solve(solution);
        return solution[0] + factor.LogDeterminant;
    }

    /// <summary>The same with MathNet.Numerics (managed provider).</summary>
    [Benchmark]
    public double MathNet()
    {
        var factor = _matrix.Cholesky();
        var solution = factor.Solve(Vector<double>.Build.DenseOfArray(_values));
        return solution[0] + factor.DeterminantLn;
    }
}
