namespace HpoSharp.Optimizers;

/// <summary>
/// The Gaussian part of a CMA-ES run over n coordinates: samples v = m + σ A (B D z) with z ~ N(0, I), where C = B D² Bᵀ
/// and A is the diagonal margin scaling of discrete coordinates (1 elsewhere). <see cref="Update"/> applies weighted
/// recombination with active (negative) weights, cumulative step-size adaptation and the rank-one and rank-μ updates of
/// C, as in Hansen's tutorial (2016). The eigendecomposition is refreshed every <see cref="CmaParameters.EigenInterval"/>
/// generations only, or every generation with learning rate adaptation (<see cref="LearningRateAdaptation"/>), which
/// scales each update of m and of Σ = σ²C by its adapted rate and then splits Σ again into σ and a C of determinant 1.
/// A separable search (sep-CMA-ES) keeps C diagonal (<see cref="DiagonalCovariance"/>), with the faster rates of its
/// parameters, at O(n) per sample and update.
/// </summary>
internal sealed class GaussianSearch
{
    private const double MaxSigma = 1e32;

    private readonly int _n;
    private readonly LearningRateAdaptation? _rates;
    private readonly CmaCovariance _c;
    private readonly double[] _pSigma;
    private readonly double[] _pc;

    /// <summary>
    /// Starts at <paramref name="mean"/> with step size <paramref name="sigma"/> and covariance
    /// <paramref name="covariance"/> (copied; n×n row-major, or its n diagonal entries for a separable search), or C = I
    /// when it is null; <paramref name="variant"/> selects the update.
    /// </summary>
    public GaussianSearch(double[] mean, double sigma, GaussianVariant variant = default, double[]? covariance = null)
    {
        _n = mean.Length;
        _c = CmaCovariance.Create(_n, variant.Separable, covariance);
        _rates = variant.AdaptLearningRates ? new LearningRateAdaptation(_n, _c.Entries.Length) : null;
        Mean = mean;
        Sigma = sigma;
        InitialSigma = sigma;
        _pSigma = new double[_n];
        _pc = new double[_n];
        Scaling = [.. Enumerable.Repeat(1.0, _n)];
    }

    private GaussianSearch(GaussianSearch other)
    {
        _n = other._n;
        _rates = other._rates?.Clone();
        _c = other._c.Clone();
        Mean = (double[])other.Mean.Clone();
        Sigma = other.Sigma;
        InitialSigma = other.InitialSigma;
        _pSigma = (double[])other._pSigma.Clone();
        _pc = (double[])other._pc.Clone();
        Scaling = (double[])other.Scaling.Clone();
        Updates = other.Updates;
    }

    /// <summary>The mean m.</summary>
    public double[] Mean { get; }

    /// <summary>The step size σ.</summary>
    public double Sigma { get; private set; }

    /// <summary>The step size the run started with.</summary>
    public double InitialSigma { get; }

    /// <summary>The diagonal margin scaling A (1 for continuous coordinates).</summary>
    public double[] Scaling { get; }

    /// <summary>The number of updates so far.</summary>
    public int Updates { get; private set; }

    /// <summary>The learning rate of the mean: 1 unless learning rates are adapted.</summary>
    public double MeanRate => _rates?.MeanRate ?? 1;

    /// <summary>The learning rate of the covariance: 1 unless learning rates are adapted.</summary>
    public double CovarianceRate => _rates?.CovarianceRate ?? 1;

    /// <summary>The step-size evolution path p_σ.</summary>
    public ReadOnlySpan<double> StepSizePath => _pSigma;

    /// <summary>The rank-one evolution path p_c.</summary>
    public ReadOnlySpan<double> RankOnePath => _pc;

    /// <summary>The square roots of the eigenvalues of C as of the last decomposition, in increasing order.</summary>
    public ReadOnlySpan<double> AxisLengths => _c.AxisLengths;

    /// <summary>Whether the mean, the scaling and C are all finite.</summary>
    public bool IsFinite => Mean.All(double.IsFinite) && Scaling.All(double.IsFinite) && AllFinite(_c.Entries);

    /// <summary>The variance C_ii of coordinate <paramref name="i"/>.</summary>
    public double Variance(int i) => _c.Variance(i);

    /// <summary>Component <paramref name="i"/> of the eigenvector of C of length <see cref="AxisLengths"/>[<paramref name="axis"/>].</summary>
    public double AxisEntry(int i, int axis) => _c.AxisEntry(i, axis);

    /// <summary>A deep copy.</summary>
    public GaussianSearch Clone() => new(this);

    /// <summary>Writes a sample v = m + σ A (B D z) into <paramref name="v"/>, drawing z from <paramref name="rng"/>.</summary>
    public void Sample(RandomStream rng, Span<double> v)
    {
        // A separable search may have far more coordinates than the stack holds.
        var z = _n <= 1024 ? stackalloc double[_n] : new double[_n];
        for (var i = 0; i < _n; i++)
        {
            z[i] = rng.NextGaussian();
        }

        _c.Transform(z, v);
        for (var i = 0; i < _n; i++)
        {
            v[i] = Mean[i] + (Sigma * Scaling[i] * v[i]);
        }
    }

    /// <summary>
    /// Updates the distribution from the samples <paramref name="v"/> of one generation, best first, as the strategy sees
    /// them (after any repair or centering). When <paramref name="clip"/>[k] is set, sample k's step is shortened to the
    /// Mahalanobis length √n + 2n/(n+2), as for injected solutions (Hansen, 2011), so that a repaired sample cannot
    /// distort the update.
    /// </summary>
    public void Update(IReadOnlyList<double[]> v, IReadOnlyList<bool> clip, CmaParameters p)
    {
        (double[] Mean, double Sigma, double[] C)? before = _rates is null ? null : ((double[])Mean.Clone(), Sigma, _c.Entries.ToArray());
        var lambda = v.Count;
        var y = new double[lambda][];
        var whitenedNorm2 = new double[lambda];
        var maxLength = Math.Sqrt(_n) + (2.0 * _n / (_n + 2));
        for (var k = 0; k < lambda; k++)
        {
            y[k] = new double[_n];
            for (var i = 0; i < _n; i++)
            {
                y[k][i] = (v[k][i] - Mean[i]) / (Scaling[i] * Sigma);
            }

            whitenedNorm2[k] = _c.WhitenedNorm2(y[k]);
            if (clip[k] && whitenedNorm2[k] > maxLength * maxLength)
            {
                var shrink = maxLength / Math.Sqrt(whitenedNorm2[k]);
                for (var i = 0; i < _n; i++)
                {
                    y[k][i] *= shrink;
                }

                whitenedNorm2[k] = maxLength * maxLength;
            }
        }

        var yw = new double[_n];
        for (var k = 0; k < p.Mu; k++)
        {
            for (var i = 0; i < _n; i++)
            {
                yw[i] += p.Weights[k] * y[k][i];
            }
        }

        for (var i = 0; i < _n; i++)
        {
            Mean[i] += Sigma * yw[i];
        }

        // Cumulative step-size adaptation along C^(-1/2) y_w.
        var whitened = _c.Whiten(yw);
        var pathScale = Math.Sqrt(p.CSigma * (2 - p.CSigma) * p.MuEff);
        var norm2 = 0.0;
        for (var i = 0; i < _n; i++)
        {
            _pSigma[i] = ((1 - p.CSigma) * _pSigma[i]) + (pathScale * whitened[i]);
            norm2 += _pSigma[i] * _pSigma[i];
        }

        var pSigmaNorm = Math.Sqrt(norm2);
        Sigma = Math.Min(MaxSigma, Sigma * Math.Exp(p.CSigma / p.DSigma * ((pSigmaNorm / p.ChiN) - 1)));

        // The rank-one path stalls while the step-size path is long (h_σ = 0), to avoid a too fast increase of C.
        var stall = pSigmaNorm / Math.Sqrt(1 - Math.Pow(1 - p.CSigma, 2 * (Updates + 1))) >= (1.4 + (2.0 / (_n + 1))) * p.ChiN;
        var rankOneScale = stall ? 0 : Math.Sqrt(p.Cc * (2 - p.Cc) * p.MuEff);
        for (var i = 0; i < _n; i++)
        {
            _pc[i] = ((1 - p.Cc) * _pc[i]) + (rankOneScale * yw[i]);
        }

        // Negative weights act on steps rescaled to the Mahalanobis length √n, so that C stays positive definite.
        var weightSum = 0.0;
        var effective = new double[lambda];
        for (var k = 0; k < lambda; k++)
        {
            weightSum += p.Weights[k];
            effective[k] = p.Weights[k] >= 0 ? p.Weights[k] : p.Weights[k] * _n / (whitenedNorm2[k] + 1e-8);
        }

        var decay = 1 + (stall ? p.C1 * p.Cc * (2 - p.Cc) : 0) - p.C1 - (p.CMu * weightSum);
        _c.Update(decay, p.C1, _pc, p.CMu, effective, y);
        Updates++;
        if (before is { } old)
        {
            AdaptLearningRates(old.Mean, old.Sigma, old.C, whitened);
        }
        else
        {
            _c.DecomposeLazily(p.EigenInterval);
        }
    }

    /// <summary>
    /// Scales this generation's update of m and of Σ = σ²C by the adapted learning rates, once they have seen it in the
    /// old distribution's coordinates (<paramref name="meanStep"/> is C_old^(-1/2) (m − m_old) / σ_old); then splits Σ
    /// into σ = det(Σ)^(1/(2n)) and C = Σ/σ², and multiplies σ by the old mean rate over the new one.
    /// </summary>
    private void AdaptLearningRates(double[] oldMean, double oldSigma, double[] oldC, double[] meanStep)
    {
        var oldScale = oldSigma * oldSigma;
        var newScale = Sigma * Sigma;
        var c = _c.Entries;
        var step = new double[c.Length];
        for (var i = 0; i < step.Length; i++)
        {
            step[i] = (newScale * c[i]) - (oldScale * oldC[i]);
        }

        var local = _c.WhitenChange(step);
        for (var i = 0; i < local.Length; i++)
        {
            local[i] /= oldScale;
        }

        var rates = _rates!;
        var oldMeanRate = rates.MeanRate;
        rates.Observe(meanStep, local);
        for (var i = 0; i < _n; i++)
        {
            Mean[i] = oldMean[i] + (rates.MeanRate * (Mean[i] - oldMean[i]));
        }

        for (var i = 0; i < step.Length; i++)
        {
            c[i] = (oldScale * oldC[i]) + (rates.CovarianceRate * step[i]);
        }

        _c.Decompose();
        var logRoot = 0.0;
        foreach (var length in _c.AxisLengths)
        {
            logRoot += Math.Log(length);
        }

        var sigma = Math.Exp(logRoot / _n);
        _c.Shrink(sigma);
        Sigma = Math.Min(MaxSigma, sigma * oldMeanRate / rates.MeanRate);
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
