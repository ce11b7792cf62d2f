namespace HpoSharp.Optimizers;

/// <summary>
/// A full covariance matrix C = B D² Bᵀ, n×n row-major, whose O(n³) eigendecomposition is refreshed lazily: sampling and
/// whitening use the last one.
/// </summary>
internal sealed class FullCovariance : CmaCovariance
{
    private readonly int _n;
    private readonly double[] _c;
    private readonly double[] _b;
    private readonly double[] _d;
    private int _age;

    /// <summary>A copy of <paramref name="matrix"/> (n×n, row-major), decomposed; or the identity when it is null.</summary>
    public FullCovariance(int n, double[]? matrix)
    {
        _n = n;
        _c = matrix is null ? Identity(n) : (double[])matrix.Clone();
        _b = Identity(n);
        _d = [.. Enumerable.Repeat(1.0, n)];
        if (matrix is not null)
        {
            Decompose();
        }
    }

    private FullCovariance(FullCovariance other)
    {
        _n = other._n;
        _c = (double[])other._c.Clone();
        _b = (double[])other._b.Clone();
        _d = (double[])other._d.Clone();
        _age = other._age;
    }

    /// <inheritdoc/>
    public override Span<double> Entries => _c;

    /// <inheritdoc/>
    public override ReadOnlySpan<double> AxisLengths => _d;

    /// <inheritdoc/>
    public override double Variance(int i) => _c[(i * _n) + i];

    /// <inheritdoc/>
    public override double AxisEntry(int i, int axis) => _b[(i * _n) + axis];

    /// <inheritdoc/>
    public override void Transform(ReadOnlySpan<double> z, Span<double> y)
    {
        Span<double> scaled = stackalloc double[_n];
        for (var i = 0; i < _n; i++)
        {
            scaled[i] = _d[i] * z[i];
        }

        for (var i = 0; i < _n; i++)
        {
            var s = 0.0;
            for (var k = 0; k < _n; k++)
            {
                s += _b[(i * _n) + k] * scaled[k];
            }

            y[i] = s;
        }
    }

    /// <inheritdoc/>
    public override double[] Whiten(ReadOnlySpan<double> x)
    {
        var inner = new double[_n];
        for (var k = 0; k < _n; k++)
        {
            var s = 0.0;
            for (var i = 0; i < _n; i++)
            {
                s += _b[(i * _n) + k] * x[i];
            }

            inner[k] = s / _d[k];
        }

        var result = new double[_n];
        for (var i = 0; i < _n; i++)
        {
            var s = 0.0;
            for (var k = 0; k < _n; k++)
            {
                s += _b[(i * _n) + k] * inner[k];
            }

            result[i] = s;
        }

        return result;
    }

    /// <inheritdoc/>
    public override double WhitenedNorm2(ReadOnlySpan<double> x)
    {
        var total = 0.0;
        for (var k = 0; k < _n; k++)
        {
            var s = 0.0;
            for (var i = 0; i < _n; i++)
            {
                s += _b[(i * _n) + k] * x[i];
            }

            total += s * s / (_d[k] * _d[k]);
        }

        return total;
    }

    /// <inheritdoc/>
    public override void Update(double decay, double c1, ReadOnlySpan<double> path, double cMu, ReadOnlySpan<double> weights, double[][] steps)
    {
        for (var i = 0; i < _n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var rankMu = 0.0;
                for (var k = 0; k < steps.Length; k++)
                {
                    rankMu += weights[k] * steps[k][i] * steps[k][j];
                }

                var value = (decay * _c[(i * _n) + j]) + (c1 * path[i] * path[j]) + (cMu * rankMu);
                _c[(i * _n) + j] = value;
                _c[(j * _n) + i] = value;
            }
        }
    }

    /// <inheritdoc/>
    public override void Decompose()
    {
        _age = 0;
        var values = new double[_n];
        SymmetricEigen.Decompose(_c, _n, values, _b);
        for (var i = 0; i < _n; i++)
        {
            _d[i] = Math.Sqrt(Math.Max(values[i], 1e-300));
        }
    }

    /// <inheritdoc/>
    public override void DecomposeLazily(int interval)
    {
        if (++_age >= interval)
        {
            Decompose();
        }
    }

    /// <inheritdoc/>
    public override double[] WhitenChange(ReadOnlySpan<double> change)
    {
        var inverseRoot = InverseSquareRoot();
        return Multiply(Multiply(inverseRoot, change), inverseRoot);
    }

    /// <inheritdoc/>
    public override void Shrink(double s)
    {
        for (var i = 0; i < _c.Length; i++)
        {
            _c[i] /= s * s;
        }

        for (var i = 0; i < _n; i++)
        {
            _d[i] /= s;
        }
    }

    /// <inheritdoc/>
    public override CmaCovariance Clone() => new FullCovariance(this);

    /// <summary>The n×n identity matrix, row-major.</summary>
    private static double[] Identity(int n)
    {
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            m[(i * n) + i] = 1;
        }

        return m;
    }

    /// <summary>C^(-1/2) = B D⁻¹ Bᵀ as a matrix, with the last decomposition.</summary>
    private double[] InverseSquareRoot()
    {
        var result = new double[_n * _n];
        for (var i = 0; i < _n; i++)
        {
            for (var j = 0; j < _n; j++)
            {
                var s = 0.0;
                for (var k = 0; k < _n; k++)
                {
                    s += _b[(i * _n) + k] * _b[(j * _n) + k] / _d[k];
                }

                result[(i * _n) + j] = s;
            }
        }

        return result;
    }

    private double[] Multiply(ReadOnlySpan<double> left, ReadOnlySpan<double> right)
    {
        var result = new double[_n * _n];
        for (var i = 0; i < _n; i++)
        {
            for (var k = 0; k < _n; k++)
            {
                var l = left[(i * _n) + k];
                for (var j = 0; j < _n; j++)
                {
                    result[(i * _n) + j] += l * right[(k * _n) + j];
                }
            }
        }

        return result;
    }
}
