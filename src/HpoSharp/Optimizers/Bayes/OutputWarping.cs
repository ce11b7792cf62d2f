namespace HpoSharp.Optimizers;

/// <summary>
/// Makes the observed performance look Gaussian before the model sees it: the values are standardised, passed through the
/// Yeo–Johnson power transform (Yeo and Johnson 2000) with the exponent λ in [-2, 4] that maximises the Gaussian
/// likelihood of the result, and standardised again. Objectives whose values span orders of magnitude (a poor region a
/// thousand times worse than a good one) would otherwise leave every good point at the same standardised value; the
/// transform compresses the long tail and keeps the differences near the best visible. It is monotone, so the best point
/// stays the best, and with λ = 1 it is the identity.
/// </summary>
internal static class OutputWarping
{
    private const double LowestExponent = -2;
    private const double HighestExponent = 4;
    private const int GridPoints = 61;

    /// <summary>The warped, standardised values of <paramref name="values"/>; all zeros when they are constant.</summary>
    public static double[] Warp(double[] values)
    {
        var standardized = Standardize(values);
        if (standardized.All(v => v == 0))
        {
            return standardized;
        }

        var exponent = BestExponent(standardized);
        return Standardize([.. standardized.Select(v => YeoJohnson(v, exponent))]);
    }

    /// <summary>The Yeo–Johnson transform of <paramref name="y"/> with exponent <paramref name="lambda"/>.</summary>
    public static double YeoJohnson(double y, double lambda) =>
        y >= 0 ? BoxCox(LogOnePlus(y), lambda) : -BoxCox(LogOnePlus(-y), 2 - lambda);

    /// <summary><c>(e^(λL) - 1) / λ</c>, the Box–Cox transform of <c>e^L</c>, without cancellation when λL is small.</summary>
    private static double BoxCox(double logValue, double lambda)
    {
        var t = lambda * logValue;
        return Math.Abs(t) < 1e-4 ? logValue * (1 + (t * (0.5 + (t / 6)))) : (Math.Exp(t) - 1) / lambda;
    }

    /// <summary><c>log(1 + x)</c>, accurate for small x.</summary>
    private static double LogOnePlus(double x) => Math.Abs(x) < 1e-4 ? x * (1 - (x * (0.5 - (x / 3)))) : Math.Log(1 + x);

    /// <summary>
    /// The values standardised to mean 0 and variance 1, or zeros when they are constant to 12 digits. They are first
    /// divided by their largest magnitude, so that neither huge nor tiny values overflow or look constant.
    /// </summary>
    public static double[] Standardize(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var magnitude = values.Length == 0 ? 0 : values.Max(Math.Abs);
        if (!(magnitude > 0) || !double.IsFinite(magnitude))
        {
            return new double[values.Length];
        }

        var scaled = values.Select(v => v / magnitude).ToArray();
        var mean = scaled.Average();
        var deviation = Math.Sqrt(scaled.Sum(v => (v - mean) * (v - mean)) / scaled.Length);
        if (!(deviation > 1e-12))
        {
            return new double[values.Length];
        }

        return [.. scaled.Select(v => (v - mean) / deviation)];
    }

    /// <summary>The exponent maximising the profile log-likelihood, on a grid refined by golden-section search.</summary>
    private static double BestExponent(double[] y)
    {
        var step = (HighestExponent - LowestExponent) / (GridPoints - 1);
        var best = 1.0;
        var bestValue = LogLikelihood(y, best);
        for (var i = 0; i < GridPoints; i++)
        {
            var lambda = LowestExponent + (i * step);
            var value = LogLikelihood(y, lambda);
            if (value > bestValue)
            {
                (best, bestValue) = (lambda, value);
            }
        }

        var (a, b) = (Math.Max(LowestExponent, best - step), Math.Min(HighestExponent, best + step));
        var ratio = (Math.Sqrt(5) - 1) / 2;
        for (var iteration = 0; iteration < 30; iteration++)
        {
            var c = b - (ratio * (b - a));
            var d = a + (ratio * (b - a));
            if (LogLikelihood(y, c) >= LogLikelihood(y, d))
            {
                b = d;
            }
            else
            {
                a = c;
            }
        }

        var refined = (a + b) / 2;
        return LogLikelihood(y, refined) >= bestValue ? refined : best;
    }

    /// <summary>The Gaussian log-likelihood of the transformed values, with the Jacobian of the transform.</summary>
    private static double LogLikelihood(double[] y, double lambda)
    {
        var n = y.Length;
        var transformed = new double[n];
        var jacobian = 0.0;
        for (var i = 0; i < n; i++)
        {
            transformed[i] = YeoJohnson(y[i], lambda);
            jacobian += Math.Sign(y[i]) * LogOnePlus(Math.Abs(y[i]));
        }

        var mean = transformed.Average();
        var variance = transformed.Sum(v => (v - mean) * (v - mean)) / n;
        return variance > 0 && double.IsFinite(variance) ? (-0.5 * n * Math.Log(variance)) + ((lambda - 1) * jacobian) : double.NegativeInfinity;
    }
}
