namespace HpoSharp.Optimizers.Bayes;

/// <summary>
/// The complementary error function and its scaled form <c>erfcx(x) = e^(x²) erfc(x)</c> to full double precision, by
/// the rational Chebyshev approximations of W. J. Cody (Math. Comp. 23, 1969) on the intervals [0, 0.46875], (0.46875, 4]
/// and (4, ∞). The scaled form stays finite and accurate where <c>erfc</c> underflows.
/// </summary>
public static class ErrorFunction
{
    private const double FirstBreak = 0.46875;
    private const double SecondBreak = 4;
    private const double HugeArgument = 6.71e7;
    private static readonly double InverseSqrtPi = 1 / Math.Sqrt(Math.PI);

    private static readonly double[] A = [3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1];
    private static readonly double[] B = [2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03];
    private static readonly double[] C = [5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8];
    private static readonly double[] D = [1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03];
    private static readonly double[] P = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2];
    private static readonly double[] Q = [2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];

    /// <summary><c>erfc(x) = 1 - erf(x)</c>.</summary>
    public static double Erfc(double x)
    {
        var y = Math.Abs(x);
        double upper;
        if (y <= FirstBreak)
        {
            upper = 1 - (y * SmallArgumentRatio(y * y));
        }
        else
        {
            // e^(-y²) computed as e^(-t²) e^(-(y - t)(y + t)) with t = y rounded down to 1/16 keeps its relative error small.
            var t = Math.Floor(y * 16) / 16;
            upper = Math.Exp(-t * t) * Math.Exp(-(y - t) * (y + t)) * ScaledUpperTail(y);
        }

        return x < 0 ? 2 - upper : upper;
    }

    /// <summary><c>erfcx(x) = e^(x²) erfc(x)</c> for <c>x >= 0</c> (for negative x it is e^(x²) times <see cref="Erfc"/>, which may overflow).</summary>
    public static double Erfcx(double x)
    {
        if (x < 0)
        {
            return Math.Exp(x * x) * Erfc(x);
        }

        return x <= FirstBreak ? Math.Exp(x * x) * (1 - (x * SmallArgumentRatio(x * x))) : ScaledUpperTail(x);
    }

    /// <summary><c>erf(y) / y</c> for <c>y ≤ 0.46875</c>, given <c>z = y²</c>.</summary>
    private static double SmallArgumentRatio(double z) => Rational(z, A, B);

    /// <summary><c>erfcx(y)</c> for <c>y > 0.46875</c>.</summary>
    private static double ScaledUpperTail(double y)
    {
        if (y <= SecondBreak)
        {
            return Rational(y, C, D);
        }

        if (y >= HugeArgument)
        {
            return InverseSqrtPi / y;
        }

        var z = 1 / (y * y);
        return (InverseSqrtPi - (z * Rational(z, P, Q))) / y;
    }

    /// <summary>
    /// The ratio of two polynomials in <paramref name="t"/> in Cody's layout: the numerator's leading coefficient is the
    /// last of <paramref name="numerator"/>, the denominator is monic, and both are evaluated by Horner's rule.
    /// </summary>
    private static double Rational(double t, double[] numerator, double[] denominator)
    {
        var degree = denominator.Length - 1;
        var top = numerator[^1] * t;
        var bottom = t;
        for (var i = 0; i < degree; i++)
        {
            top = (top + numerator[i]) * t;
            bottom = (bottom + denominator[i]) * t;
        }

        return (top + numerator[degree]) / (bottom + denominator[degree]);
    }
}
