namespace HpoSharp.Optimizers.Bayes;

/// <summary>
/// Makes the observed performance look Gaussian before the model sees it: the values are standardised, passed through the
/// Yeo–Johnson power transform (Yeo and Johnson 2000) with the exponent λ that maximises the Gaussian likelihood of the
/// result, and standardised again. Objectives whose values span orders of magnitude (a poor region a thousand times worse
/// than a good one) would otherwise leave every good point at the same standardised value; the transform compresses the
/// long tail and keeps the differences near the best visible. It is monotone, so the best point stays the best, and with
/// λ = 1 it is the identity.
/// </summary>
public static class OutputWarping
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
    public static double YeoJohnson(double y, double lambda)
    {
        if (y >= 0)
        {
            return Math.Abs(lambda) < 1e-12 ? LogOnePlus(y) : (Math.Pow(y + 1, lambda) - 1) / lambda;
        }

        var mirrored = 2 - lambda;
        return Math.Abs(mirrored) < 1e-12 ? -LogOnePlus(-y) : -(Math.Pow(1 - y, mirrored) - 1) / mirrored;
    }

    /// <summary><c>log(1 + x)</c>, accurate for small x.</summary>
    private static double LogOnePlus(double x) => Math.Abs(x) < 1e-4 ? x * (1 - (x * (0.5 - (x / 3)))) : Math.Log(1 + x);

    /// <summary>The values standardised to mean 0 and variance 1, or zeros when they are (numerically) constant.</summary>
    public static double[] Standardize(double[] values)
    {
        if (values.Length == 0)
        {
            return values;
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        var scale = Math.Sqrt(variance);
        if (!(scale > 1e-12 * Math.Max(1, Math.Abs(mean))) || !double.IsFinite(scale))
        {
            return new double[values.Length];
        }

        return [.. values.Select(v => (v - mean) / scale)];
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
