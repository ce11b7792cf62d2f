namespace HpoSharp.Optimizers.CmaEs;

/// <summary>The standard normal distribution: its distribution function and quantile, to about 1e-14.</summary>
public static class Normal
{
    private static readonly double InverseSqrtPi = 1 / Math.Sqrt(Math.PI);

    /// <summary>Φ(x) = P(Z ≤ x) for a standard normal Z.</summary>
    /// <param name="x">Where to evaluate it.</param>
    public static double Cdf(double x) => x < 0 ? 0.5 * Erfc(-x / Math.Sqrt(2)) : 1 - (0.5 * Erfc(x / Math.Sqrt(2)));

    /// <summary>Φ⁻¹(p) for p in (0, 1); ±∞ at 0 and 1.</summary>
    /// <param name="p">A probability in [0, 1].</param>
    public static double Quantile(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must lie in [0, 1].");
        }

        if (p == 0 || p == 1)
        {
            return p == 0 ? double.NegativeInfinity : double.PositiveInfinity;
        }

        // A logistic-tail first guess, then Halley steps on the lower tail, where Φ is computed without cancellation.
        var q = Math.Min(p, 1 - p);
        var x = q > 0.02 ? -(Math.Sqrt(Math.PI / 8) * Math.Log((1 - q) / q)) : -Math.Sqrt(-2 * Math.Log(q) - Math.Log(-2 * Math.Log(q)) - Math.Log(2 * Math.PI));
        for (var i = 0; i < 50; i++)
        {
            var density = Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);
            var error = (0.5 * Erfc(-x / Math.Sqrt(2))) - q;
            var step = error / density;
            var next = x - (step / (1 + (0.5 * x * step)));
            if (Math.Abs(next - x) <= 1e-15 * Math.Max(1, Math.Abs(x)))
            {
                x = next;
                break;
            }

            x = next;
        }

        return p < 0.5 ? x : -x;
    }

    /// <summary>
    /// The complementary error function for x ≥ 0: the all-positive series erf(x) = 2x e^(-x²)/√π Σ (2x²)ⁿ/(2n+1)!! below 2,
    /// Lentz's continued fraction above.
    /// </summary>
    private static double Erfc(double x)
    {
        if (x < 2)
        {
            var x2 = x * x;
            var term = 1.0;
            var sum = 1.0;
            for (var n = 1; n < 200 && term > 1e-17 * sum; n++)
            {
                term *= 2 * x2 / ((2 * n) + 1);
                sum += term;
            }

            return 1 - (2 * x * Math.Exp(-x2) * InverseSqrtPi * sum);
        }

        // erfc(x) = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))).
        const double tiny = 1e-300;
        var f = x;
        var c = x;
        var d = 0.0;
        for (var k = 1; k < 300; k++)
        {
            var a = k / 2.0;
            d = x + (a * d);
            d = d == 0 ? tiny : 1 / d;
            c = x + (a / c);
            c = c == 0 ? tiny : c;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x * x) * InverseSqrtPi / f;
    }
}
