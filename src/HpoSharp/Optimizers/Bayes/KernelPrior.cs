namespace HpoSharp.Optimizers;

/// <summary>
/// The weak priors on the kernel's hyper-parameters and the box they are searched in, in raw (log) coordinates:
/// <list type="bullet">
/// <item>inverse squared length scales: <c>log p(θ) = -0.1 (θ + 1/θ)</c>, which penalises both very short and very long
/// length scales (mode ℓ = 1, the width of the unit cube), as Optuna's GPSampler does, so that no dimension is declared
/// irrelevant on the strength of a few points;</item>
/// <item>output scale: Gamma(2, 1), mode 1, the variance of the standardised values;</item>
/// <item>noise variance: Gamma(1.1, 30), mode 0.0033, between <see cref="MinimumNoise"/> and 1 (the variance of the
/// standardised values); the low floor lets the model interpolate a deterministic objective closely enough to keep
/// improving near its optimum.</item>
/// </list>
/// </summary>
internal sealed class KernelPrior
{
    /// <summary>The smallest noise variance of the standardised values the model may fit.</summary>
    public const double MinimumNoise = 1e-12;

    private const double LengthScaleWeight = 0.1;
    private const double MinimumLengthScale = 5e-3;
    private const double MaximumLengthScale = 1e3;

    /// <summary>Creates the prior for <paramref name="dimensions"/> dimensions.</summary>
    public KernelPrior(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimensions);
        Dimensions = dimensions;
        Lower = new double[KernelParameters.RawLength(dimensions)];
        Upper = new double[Lower.Length];
        for (var d = 0; d < dimensions; d++)
        {
            (Lower[d], Upper[d]) = (-2 * Math.Log(MaximumLengthScale), -2 * Math.Log(MinimumLengthScale));
        }

        (Lower[dimensions], Upper[dimensions]) = (Math.Log(1e-3), Math.Log(1e2));
        (Lower[dimensions + 1], Upper[dimensions + 1]) = (Math.Log(MinimumNoise), Math.Log(1));
    }

    /// <summary>The number of dimensions.</summary>
    public int Dimensions { get; }

    /// <summary>The lower bounds of the raw parameters.</summary>
    public double[] Lower { get; }

    /// <summary>The upper bounds of the raw parameters.</summary>
    public double[] Upper { get; }

    /// <summary>The raw parameters at the priors' modes: where a fit starts when the history holds none.</summary>
    public double[] Mode()
    {
        var raw = new double[Lower.Length];
        raw[Dimensions + 1] = Math.Log(0.1 / 30);
        return raw;
    }

    /// <summary>A random start for a fit: each length scale drawn log-uniformly between a tenth and ten times the mode's, the rest at the modes.</summary>
    public double[] Sample(RandomStream rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var raw = Mode();
        for (var d = 0; d < Dimensions; d++)
        {
            raw[d] = rng.NextDouble(-2 * Math.Log(10), 2 * Math.Log(10));
        }

        return raw;
    }

    /// <summary>The log-density of the priors at <paramref name="raw"/> (up to a constant); adds its gradient to <paramref name="gradient"/>.</summary>
    public double LogDensity(ReadOnlySpan<double> raw, Span<double> gradient)
    {
        var value = 0.0;
        for (var d = 0; d < Dimensions; d++)
        {
            var theta = Math.Exp(raw[d]);
            value -= LengthScaleWeight * (theta + (1 / theta));
            gradient[d] += LengthScaleWeight * ((1 / theta) - theta);
        }

        value += GammaLogDensity(raw[Dimensions], 2, 1, ref gradient[Dimensions]);
        value += GammaLogDensity(raw[Dimensions + 1], 1.1, 30, ref gradient[Dimensions + 1]);
        return value;
    }

    /// <summary>Clamps a raw vector into the search box, in place, and returns it.</summary>
    public double[] Clamp(double[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = Math.Clamp(raw[i], Lower[i], Upper[i]);
        }

        return raw;
    }

    /// <summary>The Gamma(shape, rate) log-density of <c>x = exp(u)</c> (up to a constant), and its derivative in u.</summary>
    private static double GammaLogDensity(double u, double shape, double rate, ref double gradient)
    {
        var x = Math.Exp(u);
        gradient += (shape - 1) - (rate * x);
        return ((shape - 1) * u) - (rate * x);
    }
}
