using System.Runtime.CompilerServices;

namespace HpoSharp.Numerics;

/// <summary>
/// The standard normal distribution to double precision, also far in its tails: the cumulative distribution
/// <see cref="Cdf"/>, its logarithm <see cref="LogCdf"/> and its inverse <see cref="Quantile"/>, built on the scaled
/// complementary error function <c>erfcx(x) = exp(x²) erfc(x)</c>. erfcx is approximated by short Chebyshev
/// expansions on the intervals of width 1/2 up to 8 and, in <c>t = 1/x</c>, on <c>[8, ∞)</c>; their coefficients are computed once from slow but exact evaluations (a power series near 0, a continued fraction beyond).
/// </summary>
internal static class StandardNormal
{
    /// <summary>log(√(2π)), the normalising constant of the density in log form.</summary>
    public const double LogSqrtTwoPi = 0.91893853320467274178;

    /// <summary>Beyond this many standard deviations a tail holds less than 1e-17 and leaves log(1 − tails) unchanged in double precision.</summary>
    public const double NegligibleTail = 8.5;

    private const double InvSqrtPi = 0.56418958354775628695;
    private const double InvSqrtTwo = 0.70710678118654752440;
    private const int ChebyshevNodes = 24;
    private const double PieceWidth = 0.5;
    private const double TailStart = 8.0;

    /// <summary>
    /// The smallest probability worked with directly: below it, a quantile's density cannot be inverted without overflow,
    /// and sums of probabilities may lose their digits to subnormals, so they are formed from logarithms.
    /// </summary>
    internal const double SmallestDirectProbability = 1e-300;

    /// <summary>erfcx on [k/2, (k + 1)/2] for k = 0 … 15.</summary>
    private static readonly double[][] Pieces =
        [.. Enumerable.Range(0, (int)(TailStart / PieceWidth)).Select(k => Chebyshev(k * PieceWidth, (k + 1) * PieceWidth, SlowErfcx))];

    /// <summary>x·erfcx(x) as a function of t = 1/x on (0, 1/8]: smooth up to its limit 1/√π at t = 0.</summary>
    private static readonly double[] Tail = Chebyshev(0, 1 / TailStart, t => SlowErfcx(1 / t) / t);

    /// <summary>Φ(x), the probability that a standard normal variable is at most <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Cdf(double x) => 0.5 * Erfc(-x * InvSqrtTwo);

    /// <summary>log Φ(x), accurate for every x, including far in the lower tail where Φ(x) underflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LogCdf(double x)
    {
        if (x < -1)
        {
            var z = -x * InvSqrtTwo;
            return Math.Log(0.5 * Erfcx(z)) - (z * z);
        }

        return LogOnePlus(-0.5 * Erfc(x * InvSqrtTwo));
    }

    /// <summary>The log of the mass of the standard normal distribution on [<paramref name="a"/>, <paramref name="b"/>], a &lt; b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LogMass(double a, double b)
    {
        if (a >= 0)
        {
            (a, b) = (-b, -a);
        }

        if (b <= 0)
        {
            var logB = LogCdf(b);
            var logA = LogCdf(a);
            return double.IsNegativeInfinity(logA) ? logB : logB + Math.Log(-ExpMinusOne(logA - logB));
        }

        var tails = (a < -NegligibleTail ? 0 : Cdf(a)) + (b > NegligibleTail ? 0 : Cdf(-b));
        return tails == 0 ? 0 : LogOnePlus(-tails);
    }

    /// <summary>Φ⁻¹(p): the x with Φ(x) = <paramref name="p"/>; −∞ for 0 and +∞ for 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1].</exception>
    public static double Quantile(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must lie in [0, 1].");
        }

        return p <= 0.5 ? LowerQuantile(p) : -LowerQuantile(1 - p);
    }

    /// <summary>
    /// Φ⁻¹(p) for p in [0, 0.5], to full precision even for tiny p: a rational first guess (Abramowitz and Stegun
    /// 26.2.23, error below 4.5e-4) refined by two Halley steps.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LowerQuantile(double p)
    {
        return p <= 0 ? double.NegativeInfinity : LowerQuantile(p, Math.Log(p));
    }

    /// <summary>
    /// Φ⁻¹(exp(<paramref name="logP"/>)) for log p ≤ log 0.5, also where p itself underflows (beyond −37.5 standard
    /// deviations), as <see cref="LowerQuantile(double)"/> does.
    /// </summary>
    public static double LowerQuantileOfLog(double logP) =>
        double.IsNegativeInfinity(logP) ? double.NegativeInfinity : LowerQuantile(Math.Exp(logP), logP);

    /// <summary>The quantile of p, whose log is <paramref name="logP"/>; p is read only from 1e-300 up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double LowerQuantile(double p, double logP)
    {
        var t = Math.Sqrt(-2 * logP);
        var x = -(t - ((2.515517 + (t * (0.802853 + (t * 0.010328)))) / (1 + (t * (1.432788 + (t * (0.189269 + (t * 0.001308))))))));
        for (var step = 0; step < 2; step++)
        {
            // The Newton ratio (Φ(x) − p) / φ(x); below 1e-300 it is formed from logarithms, as 1 / φ(x) overflows past x = −37.6.
            var u = p >= SmallestDirectProbability
                ? (Cdf(x) - p) * Math.Exp((0.5 * x * x) + LogSqrtTwoPi)
                : ExpMinusOne(LogCdf(x) - logP) * Math.Exp(logP + (0.5 * x * x) + LogSqrtTwoPi);
            x -= u / (1 + (0.5 * x * u));
        }

        return x;
    }

    /// <summary>erfc(x) = 1 − erf(x), with full relative precision for large x until it underflows near x = 27.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Erfc(double x) => x >= 0 ? Math.Exp(-x * x) * Erfcx(x) : 2 - (Math.Exp(-x * x) * Erfcx(-x));

    /// <summary>The scaled complementary error function exp(x²)·erfc(x) for x ≥ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Erfcx(double x)
    {
        if (x >= TailStart)
        {
            return Clenshaw(Tail, 0, 1 / TailStart, 1 / x) / x;
        }

        var k = (int)(x / PieceWidth);
        return Clenshaw(Pieces[k], k * PieceWidth, (k + 1) * PieceWidth, x);
    }

    /// <summary>log(1 + x) without the cancellation of forming 1 + x for small x.</summary>
    public static double LogOnePlus(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>exp(x) − 1 without the cancellation near x = 0.</summary>
    public static double ExpMinusOne(double x)
    {
        if (Math.Abs(x) < 1e-5)
        {
            return x + (0.5 * x * x) + (x * x * x / 6);
        }

        var u = Math.Exp(x);
        return u == 1 ? x : u - 1 == -1 ? -1 : (u - 1) * x / Math.Log(u);
    }

    /// <summary>
    /// erfcx(x) for x ≥ 0 by exact but slow means: below 1, exp(x²) minus the positive series of erf scaled by exp(x²);
    /// from 1, the continued fraction erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), by Lentz's method.
    /// </summary>
    internal static double SlowErfcx(double x)
    {
        if (x < 1)
        {
            var term = x;
            var sum = x;
            for (var n = 1; term > 1e-18 * sum; n++)
            {
                term *= 2 * x * x / ((2 * n) + 1);
                sum += term;
            }

            return Math.Exp(x * x) - (2 * InvSqrtPi * sum);
        }

        const double tiny = 1e-300;
        var f = x;
        var c = x;
        var d = 0.0;
        for (var j = 1; j < 100_000; j++)
        {
            var a = 0.5 * j;
            d = x + (a * d);
            d = d == 0 ? tiny : 1 / d;
            c = x + (a / c);
            c = c == 0 ? tiny : c;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-17)
            {
                break;
            }
        }

        return InvSqrtPi / f;
    }

    /// <summary>
    /// The Chebyshev coefficients of <paramref name="f"/> on [<paramref name="low"/>, <paramref name="high"/>], without the
    /// trailing ones below the rounding noise of the slow evaluations (about 1e-15 relative).
    /// </summary>
    private static double[] Chebyshev(double low, double high, Func<double, double> f)
    {
        var values = new double[ChebyshevNodes];
        for (var j = 0; j < ChebyshevNodes; j++)
        {
            var node = Math.Cos(Math.PI * (j + 0.5) / ChebyshevNodes);
            values[j] = f(0.5 * (high + low + (node * (high - low))));
        }

        var coefficients = new double[ChebyshevNodes];
        for (var k = 0; k < ChebyshevNodes; k++)
        {
            var sum = 0.0;
            for (var j = 0; j < ChebyshevNodes; j++)
            {
                sum += values[j] * Math.Cos(Math.PI * k * (j + 0.5) / ChebyshevNodes);
            }

            coefficients[k] = 2.0 * sum / ChebyshevNodes;
        }

        var length = ChebyshevNodes;
        while (length > 1 && Math.Abs(coefficients[length - 1]) < 1e-15 * Math.Abs(coefficients[0]))
        {
            length--;
        }

        return coefficients[..length];
    }

    /// <summary>Evaluates a Chebyshev expansion on [<paramref name="low"/>, <paramref name="high"/>] at <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Clenshaw(double[] coefficients, double low, double high, double x)
    {
        var u = ((2 * x) - low - high) / (high - low);
        var twoU = 2 * u;
        var b1 = 0.0;
        var b2 = 0.0;
        for (var k = coefficients.Length - 1; k >= 1; k--)
        {
            var b0 = Math.FusedMultiplyAdd(twoU, b1, coefficients[k] - b2);
            b2 = b1;
            b1 = b0;
        }

        return (u * b1) - b2 + (0.5 * coefficients[0]);
    }
}
