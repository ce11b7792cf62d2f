namespace HpoSharp.Optimizers;

/// <summary>
/// The learning rate adaptation of LRA-CMA-ES (Nomura, Akimoto and Ono, 2023). The learning rates η_m of the mean and
/// η_Σ of the covariance Σ = σ²C start at 1 and are adapted so that the signal-to-noise ratio of each update stays near
/// α times its learning rate: a noisy or rugged landscape, whose successive updates point in inconsistent directions,
/// lowers the rates, which then rise again as the updates agree. Each generation's update is measured in the
/// coordinates of the distribution before it (Σ^(-1/2) Δm and Σ^(-1/2) ΔΣ Σ^(-1/2)); exponential moving averages of the
/// update (E) and of its squared norm (V) estimate the ratio as (‖E‖² − β/(2 − β) V) / (V − ‖E‖²), which no constant
/// factor on the updates changes (the paper's 1/√2 on ΔΣ is left out). While that estimate's denominator is not positive
/// (no update has moved yet), the rate stays as it was, where the paper's formula would give 0/0.
/// </summary>
internal sealed class LearningRateAdaptation
{
    private const double TargetRatio = 1.4;
    private const double MeanSmoothing = 0.1;
    private const double CovarianceSmoothing = 0.03;
    private const double RateGain = 0.1;

    private readonly double[] _meanAverage;
    private readonly double[] _covarianceAverage;
    private double _meanSquare;
    private double _covarianceSquare;

    /// <summary>
    /// Starts both rates at 1 for a distribution over <paramref name="n"/> coordinates whose covariance is stored as
    /// <paramref name="covarianceEntries"/> values (n × n, or n for a diagonal one).
    /// </summary>
    public LearningRateAdaptation(int n, int covarianceEntries)
    {
        _meanAverage = new double[n];
        _covarianceAverage = new double[covarianceEntries];
    }

    private LearningRateAdaptation(LearningRateAdaptation other)
    {
        _meanAverage = (double[])other._meanAverage.Clone();
        _covarianceAverage = (double[])other._covarianceAverage.Clone();
        _meanSquare = other._meanSquare;
        _covarianceSquare = other._covarianceSquare;
        MeanRate = other.MeanRate;
        CovarianceRate = other.CovarianceRate;
    }

    /// <summary>The learning rate η_m of the mean, in (0, 1].</summary>
    public double MeanRate { get; private set; } = 1;

    /// <summary>The learning rate η_Σ of the covariance, in (0, 1].</summary>
    public double CovarianceRate { get; private set; } = 1;

    /// <summary>A deep copy.</summary>
    public LearningRateAdaptation Clone() => new(this);

    /// <summary>
    /// Adapts both rates to one generation's full-rate update, in the old distribution's coordinates: the mean's
    /// <paramref name="meanStep"/> (n values) and the covariance's <paramref name="covarianceStep"/> (its stored entries; a
    /// diagonal covariance's off-diagonal entries are zero and would add nothing to the norms).
    /// </summary>
    public void Observe(ReadOnlySpan<double> meanStep, ReadOnlySpan<double> covarianceStep)
    {
        MeanRate = Adapted(MeanRate, MeanSmoothing, _meanAverage, ref _meanSquare, meanStep);
        CovarianceRate = Adapted(CovarianceRate, CovarianceSmoothing, _covarianceAverage, ref _covarianceSquare, covarianceStep);
    }

    private static double Adapted(double rate, double beta, double[] average, ref double square, ReadOnlySpan<double> step)
    {
        var averageNorm2 = 0.0;
        var stepNorm2 = 0.0;
        for (var i = 0; i < step.Length; i++)
        {
            average[i] = ((1 - beta) * average[i]) + (beta * step[i]);
            averageNorm2 += average[i] * average[i];
            stepNorm2 += step[i] * step[i];
        }

        square = ((1 - beta) * square) + (beta * stepNorm2);
        var spread = square - averageNorm2;
        if (!(spread > 0))
        {
            return rate;
        }

        var ratio = (averageNorm2 - (beta / (2 - beta) * square)) / spread;
        var relative = Math.Clamp((ratio / (TargetRatio * rate)) - 1, -1, 1);
        return Math.Min(1, rate * Math.Exp(Math.Min(RateGain * rate, beta) * relative));
    }
}
