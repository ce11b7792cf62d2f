namespace HpoSharp.Optimizers;

/// <summary>
/// A diagonal covariance, the C of sep-CMA-ES: the eigenvectors are the coordinate axes and D = √diag(C), refreshed
/// after every update. Storage and every operation are O(n), but for sorting the axis lengths (O(n log n)).
/// </summary>
internal sealed class DiagonalCovariance : CmaCovariance
{
    private readonly double[] _c;
    private readonly double[] _d;
    private readonly double[] _sorted;
    private readonly int[] _order;

    /// <summary>A copy of <paramref name="diagonal"/> (its n positive entries), or the identity when it is null.</summary>
    public DiagonalCovariance(int n, double[]? diagonal)
    {
        _c = diagonal is null ? [.. Enumerable.Repeat(1.0, n)] : (double[])diagonal.Clone();
        _d = new double[n];
        _sorted = new double[n];
        _order = new int[n];
        Decompose();
    }

    private DiagonalCovariance(DiagonalCovariance other)
    {
        _c = (double[])other._c.Clone();
        _d = (double[])other._d.Clone();
        _sorted = (double[])other._sorted.Clone();
        _order = (int[])other._order.Clone();
    }

    /// <inheritdoc/>
    public override Span<double> Entries => _c;

    /// <inheritdoc/>
    public override ReadOnlySpan<double> AxisLengths => _sorted;

    /// <inheritdoc/>
    public override double Variance(int i) => _c[i];

    /// <inheritdoc/>
    public override double AxisEntry(int i, int axis) => _order[axis] == i ? 1 : 0;

    /// <inheritdoc/>
    public override void Transform(ReadOnlySpan<double> z, Span<double> y)
    {
        for (var i = 0; i < _d.Length; i++)
        {
            y[i] = _d[i] * z[i];
        }
    }

    /// <inheritdoc/>
    public override double[] Whiten(ReadOnlySpan<double> x)
    {
        var result = new double[_d.Length];
        for (var i = 0; i < _d.Length; i++)
        {
            result[i] = x[i] / _d[i];
        }

        return result;
    }

    /// <inheritdoc/>
    public override double WhitenedNorm2(ReadOnlySpan<double> x)
    {
        var total = 0.0;
        for (var i = 0; i < _d.Length; i++)
        {
            total += x[i] * x[i] / (_d[i] * _d[i]);
        }

        return total;
    }

    /// <inheritdoc/>
    public override void Update(double decay, double c1, ReadOnlySpan<double> path, double cMu, ReadOnlySpan<double> weights, double[][] steps)
    {
        for (var i = 0; i < _c.Length; i++)
        {
            var rankMu = 0.0;
            for (var k = 0; k < steps.Length; k++)
            {
                rankMu += weights[k] * steps[k][i] * steps[k][i];
            }

            _c[i] = (decay * _c[i]) + (c1 * path[i] * path[i]) + (cMu * rankMu);
        }
    }

    /// <inheritdoc/>
    public override void Decompose()
    {
        for (var i = 0; i < _c.Length; i++)
        {
            _d[i] = Math.Sqrt(Math.Max(_c[i], 1e-300));
            _sorted[i] = _d[i];
            _order[i] = i;
        }

        Array.Sort(_sorted, _order);
    }

    /// <inheritdoc/>
    public override void DecomposeLazily(int interval) => Decompose();

    /// <inheritdoc/>
    public override double[] WhitenChange(ReadOnlySpan<double> change)
    {
        var result = new double[_c.Length];
        for (var i = 0; i < _c.Length; i++)
        {
            result[i] = change[i] / (_d[i] * _d[i]);
        }

        return result;
    }

    /// <inheritdoc/>
    public override void Shrink(double s)
    {
        for (var i = 0; i < _c.Length; i++)
        {
            _c[i] /= s * s;
            _d[i] /= s;
            _sorted[i] /= s;
        }
    }

    /// <inheritdoc/>
    public override CmaCovariance Clone() => new DiagonalCovariance(this);
}
