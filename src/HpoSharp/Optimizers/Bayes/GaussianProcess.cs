namespace HpoSharp.Optimizers;

/// <summary>
/// A Gaussian process conditioned on observations: <c>y_i = f(x_i) + ε_i</c> with <c>f ~ GP(0, k)</c> and
/// <c>ε_i ~ N(0, noise)</c>. It predicts the latent <c>f</c>: mean <c>k(x)ᵀα</c> with <c>α = K⁻¹y</c> and variance
/// <c>s - k(x)ᵀK⁻¹k(x)</c>, clamped at 0, and their gradients in the numeric coordinates of <c>x</c>. Not thread-safe
/// (it reuses its work buffers).
/// </summary>
internal sealed class GaussianProcess
{
    private const int BlockColumns = 128;
    private readonly CholeskyFactor _cholesky;
    private readonly double[] _alpha;
    private readonly PointColumns _columns;
    private readonly double[] _k;
    private readonly double[] _slopes;
    private readonly double[] _v;

    /// <summary>Conditions the process with kernel <paramref name="kernel"/> on <paramref name="values"/> observed at <paramref name="points"/> (n×p row-major, model coordinates).</summary>
    public GaussianProcess(MaternKernel kernel, double[] points, double[] values)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(values);
        if (points.Length != values.Length * kernel.Dimensions)
        {
            throw new ArgumentException($"{values.Length} values need {values.Length * kernel.Dimensions} coordinates in {kernel.Dimensions} dimensions; {points.Length} were given.", nameof(points));
        }

        Kernel = kernel;
        Points = points;
        Values = values;
        var n = values.Length;
        _columns = new PointColumns(kernel.Categorical, points, n);
        _cholesky = CholeskyFactor.Factor(CovarianceMatrix(kernel, points, _columns, null), n);
        _alpha = (double[])values.Clone();
        _cholesky.Solve(_alpha);
        _k = new double[n];
        _slopes = new double[n];
        _v = new double[n];
    }

    /// <summary>The kernel.</summary>
    public MaternKernel Kernel { get; }

    /// <summary>The observed points, n×p row-major.</summary>
    public double[] Points { get; }

    /// <summary>The observed values.</summary>
    public double[] Values { get; }

    /// <summary>The number of observations.</summary>
    public int Count => Values.Length;

    /// <summary>The same process conditioned on more observations (e.g. believed values at pending points).</summary>
    public GaussianProcess With(ReadOnlySpan<double> points, ReadOnlySpan<double> values) =>
        new(Kernel, [.. Points, .. points], [.. Values, .. values]);

    /// <summary>The posterior mean and variance of the latent function at <paramref name="x"/>.</summary>
    public (double Mean, double Variance) Predict(ReadOnlySpan<double> x)
    {
        CrossCovariances(x, false);
        var mean = VectorMath.Dot(_k, _alpha);
        _cholesky.SolveLower(_k);
        return (mean, Math.Max(0, Kernel.Parameters.OutputScale - VectorMath.Dot(_k, _k)));
    }

    /// <summary>The posterior means and variances at the <paramref name="count"/> points of <paramref name="xs"/> (count×p row-major).</summary>
    public void PredictMany(ReadOnlySpan<double> xs, int count, Span<double> means, Span<double> variances)
    {
        var n = Count;
        var p = Kernel.Dimensions;
        var theta = Kernel.Parameters.InverseSquaredLengthScales;
        var s = Kernel.Parameters.OutputScale;
        var block = new double[n * Math.Min(BlockColumns, Math.Max(count, 1))];
        for (var start = 0; start < count; start += BlockColumns)
        {
            var columns = Math.Min(BlockColumns, count - start);
            var candidates = new PointColumns(Kernel.Categorical, xs.Slice(start * p, columns * p), columns);
            var b = block.AsSpan(0, n * columns);
            var m = means.Slice(start, columns);
            m.Clear();
            for (var i = 0; i < n; i++)
            {
                var row = b.Slice(i * columns, columns);
                candidates.ScaledDistances(Points.AsSpan(i * p, p), theta, row);
                MaternKernel.ToCovariances(row, s, default);
                VectorMath.Axpy(_alpha[i], row, m);
            }

            _cholesky.SolveLowerMany(b, columns);
            var v = variances.Slice(start, columns);
            v.Fill(s);
            for (var i = 0; i < n; i++)
            {
                var row = b.Slice(i * columns, columns);
                for (var c = 0; c < columns; c++)
                {
                    v[c] -= row[c] * row[c];
                }
            }

            for (var c = 0; c < columns; c++)
            {
                v[c] = Math.Max(0, v[c]);
            }
        }
    }

    /// <summary>
    /// The posterior mean and variance at <paramref name="x"/> and their gradients in the coordinates listed in
    /// <paramref name="dimensions"/>, which must be active numeric coordinates of <paramref name="x"/>.
    /// </summary>
    public (double Mean, double Variance) PredictWithGradient(ReadOnlySpan<double> x, ReadOnlySpan<int> dimensions, Span<double> meanGradient, Span<double> varianceGradient)
    {
        CrossCovariances(x, true);
        var mean = VectorMath.Dot(_k, _alpha);
        _k.CopyTo(_v, 0);
        _cholesky.Solve(_v);
        var variance = Kernel.Parameters.OutputScale - VectorMath.Dot(_k, _v);

        // ∂k_i/∂x_d = s m'(r²_i) · 2 θ_d (x_d - x_id), an inactive x_id standing at 0.5.
        var meanWeights = _k;
        var varianceWeights = _v;
        for (var i = 0; i < Count; i++)
        {
            meanWeights[i] = _alpha[i] * _slopes[i];
            varianceWeights[i] *= -2 * _slopes[i];
        }

        var (meanTotal, varianceTotal) = (Sum(meanWeights), Sum(varianceWeights));
        var theta = Kernel.Parameters.InverseSquaredLengthScales;
        for (var j = 0; j < dimensions.Length; j++)
        {
            var d = dimensions[j];
            var column = _columns.Column(d);
            meanGradient[j] = 2 * theta[d] * ((x[d] * meanTotal) - VectorMath.Dot(meanWeights, column));
            varianceGradient[j] = 2 * theta[d] * ((x[d] * varianceTotal) - VectorMath.Dot(varianceWeights, column));
        }

        if (variance <= 0)
        {
            variance = 0;
            varianceGradient[..dimensions.Length].Clear();
        }

        return (mean, variance);
    }

    /// <summary>
    /// The kernel matrix of <paramref name="points"/> with the noise on its diagonal (lower triangle filled, n×n row-major);
    /// when <paramref name="scaledDistances"/> is given, it receives the squared scaled distances <c>r²</c>.
    /// </summary>
    internal static double[] CovarianceMatrix(MaternKernel kernel, double[] points, PointColumns columns, double[]? scaledDistances)
    {
        var n = columns.Count;
        var p = kernel.Dimensions;
        var parameters = kernel.Parameters;
        var k = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            var row = k.AsSpan(i * n, i);
            columns.ScaledDistances(points.AsSpan(i * p, p), parameters.InverseSquaredLengthScales, row);
            if (scaledDistances is not null)
            {
                row.CopyTo(scaledDistances.AsSpan(i * n, i));
            }

            MaternKernel.ToCovariances(row, parameters.OutputScale, default);
            k[(i * n) + i] = parameters.OutputScale + parameters.Noise;
        }

        return k;
    }

    /// <summary>Writes <c>k(x, x_i)</c> into the work buffer and, when asked, <c>s m'(r²_i)</c> into the slopes buffer.</summary>
    private void CrossCovariances(ReadOnlySpan<double> x, bool withSlopes)
    {
        _columns.ScaledDistances(x, Kernel.Parameters.InverseSquaredLengthScales, _k);
        MaternKernel.ToCovariances(_k, Kernel.Parameters.OutputScale, withSlopes ? _slopes : default);
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }
}
