namespace HpoSharp.Optimizers;

/// <summary>
/// The log marginal likelihood of the Gaussian process on a training set, plus the log-density of the
/// <see cref="KernelPrior"/>, and its exact gradient in the raw hyper-parameters:
/// <c>log p(y) = -½ yᵀK⁻¹y - ½ log|K| - n/2 log 2π</c> with <c>K = s M + noise I</c>, and
/// <c>∂ log p(y) / ∂η = ½ tr((ααᵀ - K⁻¹) ∂K/∂η)</c> with <c>α = K⁻¹y</c>. One evaluation costs a Cholesky factorisation and
/// an inversion, about n³/2 multiply-adds, plus n²p for the kernel and the length-scale gradients.
/// </summary>
internal sealed class MarginalLikelihood
{
    private readonly bool[] _categorical;
    private readonly double[] _points;
    private readonly double[] _values;
    private readonly PointColumns _columns;

    /// <summary>Creates the likelihood of <paramref name="values"/> observed at <paramref name="points"/> (n×p row-major, model coordinates).</summary>
    public MarginalLikelihood(bool[] categorical, double[] points, double[] values, KernelPrior prior)
    {
        ArgumentNullException.ThrowIfNull(categorical);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(prior);
        _categorical = categorical;
        _points = points;
        _values = values;
        _columns = new PointColumns(categorical, points, values.Length);
        Prior = prior;
    }

    /// <summary>The prior on the hyper-parameters.</summary>
    public KernelPrior Prior { get; }

    /// <summary>
    /// The loss to minimise: minus the log marginal likelihood and minus the log prior, at the raw hyper-parameters
    /// <paramref name="raw"/>; writes its gradient into <paramref name="gradient"/>.
    /// </summary>
    public double Loss(ReadOnlySpan<double> raw, Span<double> gradient)
    {
        var n = _values.Length;
        var p = _categorical.Length;
        var parameters = KernelParameters.FromRaw(raw);
        var s = parameters.OutputScale;
        var r2 = new double[n * n];
        var k = GaussianProcess.CovarianceMatrix(new MaternKernel(_categorical, parameters), _points, _columns, r2);
        var cholesky = CholeskyFactor.Factor(k, n);
        var alpha = (double[])_values.Clone();
        cholesky.Solve(alpha);
        var logLikelihood = (-0.5 * VectorMath.Dot(_values, alpha)) - (0.5 * cholesky.LogDeterminant) - (0.5 * n * Math.Log(2 * Math.PI));

        // W = ααᵀ - K⁻¹; the gradient of log p(y) in η is ½ Σ_ij W_ij ∂K_ij/∂η, each off-diagonal pair counted once for both orders.
        var w = cholesky.Inverse();
        var scaleGradient = 0.0;
        var traceW = 0.0;
        var slopes = new double[n];
        var delta = new double[n];
        gradient.Clear();
        for (var i = 0; i < n; i++)
        {
            var row = w.AsSpan(i * n, i);
            for (var j = 0; j < i; j++)
            {
                row[j] = (alpha[i] * alpha[j]) - row[j];
            }

            scaleGradient += VectorMath.Dot(row, k.AsSpan(i * n, i));
            var slope = slopes.AsSpan(0, i);
            r2.AsSpan(i * n, i).CopyTo(delta);
            MaternKernel.ToCovariances(delta.AsSpan(0, i), s, slope);
            for (var j = 0; j < i; j++)
            {
                slope[j] *= row[j];
            }

            for (var d = 0; d < p; d++)
            {
                _columns.DimensionDistances(d, _points[(i * p) + d], delta.AsSpan(0, i));
                gradient[d] += VectorMath.Dot(slope, delta.AsSpan(0, i));
            }

            var wii = (alpha[i] * alpha[i]) - w[(i * n) + i];
            traceW += wii;
            scaleGradient += 0.5 * wii * s;
        }

        for (var d = 0; d < p; d++)
        {
            gradient[d] *= parameters.InverseSquaredLengthScales[d];
        }

        gradient[p] = scaleGradient;
        gradient[p + 1] = 0.5 * traceW * parameters.Noise;
        var logPrior = Prior.LogDensity(raw, gradient);
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] = -gradient[i];
        }

        return -(logLikelihood + logPrior);
    }
}
