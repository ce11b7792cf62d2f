namespace HpoSharp.Optimizers;

/// <summary>
/// The strategy parameters of one elitist (1+1)-CMA-ES: step size σ, a factor A of C = A Aᵀ and its inverse (both kept
/// up to date by rank-one updates in O(n²), Igel, Suttorp and Hansen, 2006), the evolution path and the smoothed success
/// probability. Immutable: an update returns a new strategy, so that states can share the ones they do not change.
/// </summary>
internal sealed class ElitistStrategy
{
    private readonly int _n;
    private double[] _factor;
    private double[] _inverse;
    private double[] _path;

    /// <summary>The initial strategy: step size <paramref name="sigma"/>, C = I, success probability at its target.</summary>
    public ElitistStrategy(int n, double sigma, double targetSuccess)
    {
        _n = n;
        Sigma = sigma;
        SuccessProbability = targetSuccess;
        _factor = new double[n * n];
        _inverse = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            _factor[(i * n) + i] = 1;
            _inverse[(i * n) + i] = 1;
        }

        _path = new double[n];
    }

    /// <summary>A copy that shares the arrays, which are never changed once a strategy is built.</summary>
    private ElitistStrategy(ElitistStrategy other)
    {
        _n = other._n;
        Sigma = other.Sigma;
        SuccessProbability = other.SuccessProbability;
        _factor = other._factor;
        _inverse = other._inverse;
        _path = other._path;
    }

    /// <summary>The step size σ.</summary>
    public double Sigma { get; private set; }

    /// <summary>The smoothed success probability.</summary>
    public double SuccessProbability { get; private set; }

    /// <summary>The factor A of C = A Aᵀ, row by row.</summary>
    public ReadOnlySpan<double> Factor => _factor;

    /// <summary>The inverse A⁻¹ of the factor, row by row.</summary>
    public ReadOnlySpan<double> InverseFactor => _inverse;

    /// <summary>The evolution path.</summary>
    public ReadOnlySpan<double> Path => _path;

    /// <summary>A step y = A z with z ~ N(0, I) from <paramref name="rng"/>; the offspring is x + σ y.</summary>
    public double[] Step(RandomStream rng)
    {
        Span<double> z = stackalloc double[_n];
        for (var i = 0; i < _n; i++)
        {
            z[i] = rng.NextGaussian();
        }

        var y = new double[_n];
        for (var i = 0; i < _n; i++)
        {
            for (var k = 0; k < _n; k++)
            {
                y[i] += _factor[(i * _n) + k] * z[k];
            }
        }

        return y;
    }

    /// <summary>The standard deviation σ √C_ii of coordinate <paramref name="i"/>.</summary>
    public double Deviation(int i)
    {
        var variance = 0.0;
        for (var k = 0; k < _n; k++)
        {
            variance += _factor[(i * _n) + k] * _factor[(i * _n) + k];
        }

        return Sigma * Math.Sqrt(variance);
    }

    /// <summary>‖A⁻¹ y‖, the Mahalanobis length of step <paramref name="y"/>.</summary>
    public double Length(ReadOnlySpan<double> y)
    {
        var total = 0.0;
        for (var i = 0; i < _n; i++)
        {
            var w = 0.0;
            for (var k = 0; k < _n; k++)
            {
                w += _inverse[(i * _n) + k] * y[k];
            }

            total += w * w;
        }

        return Math.Sqrt(total);
    }

    /// <summary>The strategy of a successful offspring that made step <paramref name="y"/> from the parent it inherited this one from.</summary>
    public ElitistStrategy AfterSuccess(ReadOnlySpan<double> y, ElitistParameters p)
    {
        var next = new ElitistStrategy(this);
        next.AdaptStepSize(true, p);
        var cc = p.PathRate;
        var stalled = next.SuccessProbability >= p.SuccessThreshold;
        next._path = new double[_n];
        for (var i = 0; i < _n; i++)
        {
            next._path[i] = ((1 - cc) * _path[i]) + (stalled ? 0 : Math.Sqrt(cc * (2 - cc)) * y[i]);
        }

        // C ← (1 - c_cov) C + c_cov (p pᵀ + [stalled] c_c (2 - c_c) C).
        next.RankOneUpdate(1 - p.CovarianceRate + (stalled ? p.CovarianceRate * cc * (2 - cc) : 0), p.CovarianceRate);
        return next;
    }

    /// <summary>The strategy of a parent whose offspring was successful or not.</summary>
    public ElitistStrategy AfterOffspring(bool success, ElitistParameters p)
    {
        var next = new ElitistStrategy(this);
        next.AdaptStepSize(success, p);
        return next;
    }

    private void AdaptStepSize(bool success, ElitistParameters p)
    {
        SuccessProbability = ((1 - p.SuccessRate) * SuccessProbability) + (success ? p.SuccessRate : 0);
        Sigma *= Math.Exp((SuccessProbability - p.TargetSuccess) / (p.Damping * (1 - p.TargetSuccess)));
    }

    /// <summary>C ← α C + β p pᵀ on (new copies of) the factor and its inverse.</summary>
    private void RankOneUpdate(double alpha, double beta)
    {
        _factor = (double[])_factor.Clone();
        _inverse = (double[])_inverse.Clone();
        var w = new double[_n];
        var norm2 = 0.0;
        for (var i = 0; i < _n; i++)
        {
            for (var k = 0; k < _n; k++)
            {
                w[i] += _inverse[(i * _n) + k] * _path[k];
            }

            norm2 += w[i] * w[i];
        }

        // An empty path (or one too short to invert) leaves only the scaling C ← α C.
        var a = Math.Sqrt(alpha);
        var b = norm2 < 1e-300 ? 0 : a / norm2 * (Math.Sqrt(1 + (beta / alpha * norm2)) - 1);
        var wInverse = new double[_n];
        for (var k = 0; k < _n; k++)
        {
            for (var i = 0; i < _n; i++)
            {
                wInverse[k] += w[i] * _inverse[(i * _n) + k];
            }
        }

        var shrink = b / ((a * a) + (a * b * norm2));
        for (var i = 0; i < _n; i++)
        {
            for (var k = 0; k < _n; k++)
            {
                _factor[(i * _n) + k] = (a * _factor[(i * _n) + k]) + (b * _path[i] * w[k]);
                _inverse[(i * _n) + k] = (_inverse[(i * _n) + k] / a) - (shrink * w[i] * wInverse[k]);
            }
        }
    }
}
