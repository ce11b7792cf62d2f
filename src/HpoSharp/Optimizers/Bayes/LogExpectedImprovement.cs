using HpoSharp.Numerics;

namespace HpoSharp.Optimizers;

/// <summary>
/// The logarithm of the expected improvement over a threshold <c>f*</c> under a Gaussian posterior (Ament et al. 2023,
/// "Unexpected improvements to expected improvement"): <c>log EI(x) = log h(z) + log σ</c> with <c>z = (μ - f*) / σ</c> and
/// <c>h(z) = φ(z) + z Φ(z)</c>. <c>log h</c> is computed without cancellation for every z: directly above -1, through the
/// scaled complementary error function below, and by its asymptotic series far in the tail, so that it stays finite and
/// informative (and so does its gradient) where the improvement itself underflows. With a <see cref="Feasibility"/>
/// process it adds <c>log Φ(μ_c / σ_c)</c>, the log-probability that a trial at x gives a value, as constrained expected
/// improvement does.
/// </summary>
internal sealed class LogExpectedImprovement
{
    /// <summary>Added to the posterior variance so that σ never vanishes.</summary>
    public const double StabilizingVariance = 1e-12;

    private const double TailStart = -100;
    private const double MostNegativeZ = -1e100;
    private static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);
    private static readonly double InverseSqrt2Pi = 1 / Math.Sqrt(2 * Math.PI);
    private static readonly double SqrtHalfPi = Math.Sqrt(Math.PI / 2);
    private static readonly double SqrtHalf = Math.Sqrt(0.5);

    /// <summary>Creates the acquisition function of <paramref name="process"/> over <paramref name="threshold"/>.</summary>
    public LogExpectedImprovement(GaussianProcess process, double threshold)
    {
        Process = process;
        Threshold = threshold;
    }

    /// <summary>The Gaussian process.</summary>
    public GaussianProcess Process { get; }

    /// <summary>The value to improve on, <c>f*</c>.</summary>
    public double Threshold { get; }

    /// <summary>
    /// A process of the trials' outcomes, positive where trials gave a value and negative where they did not (failed,
    /// timed out or pruned), or null when every trial gave one.
    /// </summary>
    public GaussianProcess? Feasibility { get; init; }

    /// <summary><c>log h(z)</c> and its derivative <c>Φ(z) / h(z)</c>.</summary>
    public static double LogH(double z, out double slope)
    {
        if (z > -1)
        {
            var cdf = 0.5 * StandardNormal.Erfc(-SqrtHalf * z);
            var h = (Math.Exp(-0.5 * z * z) * InverseSqrt2Pi) + (z * cdf);
            slope = cdf / h;
            return Math.Log(h);
        }

        z = Math.Max(z, MostNegativeZ);
        if (z > TailStart)
        {
            // h = φ(z) (1 + z r) with the Mills ratio r = Φ(z) / φ(z) = √(π/2) erfcx(-z / √2).
            var r = SqrtHalfPi * StandardNormal.Erfcx(-SqrtHalf * z);
            var scaled = 1 + (z * r);
            slope = r / scaled;
            return (-0.5 * z * z) - LogSqrt2Pi + Math.Log(scaled);
        }

        // 1 + z r = z⁻² (1 - 3 z⁻² + 15 z⁻⁴ - 105 z⁻⁶ + …) as z → -∞.
        var w = 1 / (z * z);
        var series = 1 - (w * (3 - (w * (15 - (105 * w)))));
        var seriesSlope = -2 * w / z * (-3 + (w * (30 - (315 * w)))); // d(series)/dz, with dw/dz = -2w/z
        slope = -z - (2 / z) + (seriesSlope / series);
        return (-0.5 * z * z) - LogSqrt2Pi + Math.Log(w) + Math.Log(series);
    }

    /// <summary><c>log EI</c> for a posterior of mean <paramref name="mean"/> and variance <paramref name="variance"/>.</summary>
    public double FromPosterior(double mean, double variance)
    {
        var sigma = Math.Sqrt(variance + StabilizingVariance);
        return LogH((mean - Threshold) / sigma, out _) + Math.Log(sigma);
    }

    /// <summary>
    /// <c>log Φ(μ_c / σ_c)</c>, the log-probability of a value, for a <see cref="Feasibility"/> posterior of mean
    /// <paramref name="mean"/> and variance <paramref name="variance"/>.
    /// </summary>
    private static double LogFeasibility(double mean, double variance) => StandardNormal.LogCdf(mean / Math.Sqrt(variance + StabilizingVariance));

    /// <summary><c>log EI(x)</c>.</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        var (mean, variance) = Process.Predict(x);
        var value = FromPosterior(mean, variance);
        if (Feasibility is not null)
        {
            var (m, v) = Feasibility.Predict(x);
            value += LogFeasibility(m, v);
        }

        return value;
    }

    /// <summary><c>log EI</c> at the <paramref name="count"/> points of <paramref name="xs"/> (count×p row-major).</summary>
    public void Values(ReadOnlySpan<double> xs, int count, Span<double> values)
    {
        var variances = new double[count];
        Process.PredictMany(xs, count, values, variances);
        for (var i = 0; i < count; i++)
        {
            values[i] = FromPosterior(values[i], variances[i]);
        }

        if (Feasibility is not null)
        {
            var means = new double[count];
            Feasibility.PredictMany(xs, count, means, variances);
            for (var i = 0; i < count; i++)
            {
                values[i] += LogFeasibility(means[i], variances[i]);
            }
        }
    }

    /// <summary><c>log EI(x)</c> and its gradient in the active numeric coordinates <paramref name="dimensions"/> of x.</summary>
    public double ValueWithGradient(ReadOnlySpan<double> x, ReadOnlySpan<int> dimensions, Span<double> gradient)
    {
        var meanGradient = gradient;
        Span<double> varianceGradient = stackalloc double[dimensions.Length];
        var (mean, variance) = Process.PredictWithGradient(x, dimensions, meanGradient, varianceGradient);
        var sigma = Math.Sqrt(variance + StabilizingVariance);
        var z = (mean - Threshold) / sigma;
        var value = LogH(z, out var slope) + Math.Log(sigma);

        // d log EI = slope (dμ - z dσ) / σ + dσ / σ, with dσ = dvar / (2σ).
        for (var j = 0; j < dimensions.Length; j++)
        {
            var dSigma = varianceGradient[j] / (2 * sigma);
            gradient[j] = ((slope * (meanGradient[j] - (z * dSigma))) + dSigma) / sigma;
        }

        return Feasibility is null ? value : value + LogFeasibilityWithGradient(x, dimensions, gradient);
    }

    /// <summary><c>log Φ(μ_c / σ_c)</c> of the <see cref="Feasibility"/> process at x; adds its gradient to <paramref name="gradient"/>.</summary>
    private double LogFeasibilityWithGradient(ReadOnlySpan<double> x, ReadOnlySpan<int> dimensions, Span<double> gradient)
    {
        Span<double> meanGradient = stackalloc double[dimensions.Length];
        Span<double> varianceGradient = stackalloc double[dimensions.Length];
        var (mean, variance) = Feasibility!.PredictWithGradient(x, dimensions, meanGradient, varianceGradient);
        var sigma = Math.Sqrt(variance + StabilizingVariance);
        var z = mean / sigma;
        var logCdf = StandardNormal.LogCdf(z);

        // d log Φ(z) = φ(z) / Φ(z) dz, with dz = (dμ - z dσ) / σ.
        var ratio = Math.Exp((-0.5 * z * z) - LogSqrt2Pi - logCdf);
        for (var j = 0; j < dimensions.Length; j++)
        {
            var dSigma = varianceGradient[j] / (2 * sigma);
            gradient[j] += ratio * (meanGradient[j] - (z * dSigma)) / sigma;
        }

        return logCdf;
    }
}
