using System.Runtime.CompilerServices;
using HpoSharp.Numerics;

namespace HpoSharp.Optimizers;

/// <summary>
/// The normal distribution truncated to an interval, in standardised form: bounds <c>a &lt; b</c> are measured in
/// standard deviations from the mean. Sampling inverts the distribution function, one uniform number per draw, and
/// stays accurate however far the interval lies in a tail, also where Φ underflows (beyond about −37.5 standard
/// deviations).
/// </summary>
internal static class TruncatedNormal
{
    /// <summary>The log density at <paramref name="z"/> of the standard normal truncated to [a, b], given log Z = <see cref="StandardNormal.LogMass"/>(a, b).</summary>
    public static double LogPdf(double z, double logMass) => (-0.5 * z * z) - StandardNormal.LogSqrtTwoPi - logMass;

    /// <summary>The draw of the standard normal truncated to [<paramref name="a"/>, <paramref name="b"/>] at quantile <paramref name="u"/> ∈ [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Sample(double a, double b, double u)
    {
        if (a >= 0)
        {
            return -Sample(-b, -a, 1 - u);
        }

        double z;
        var below = StandardNormal.Cdf(a);
        var logMass = StandardNormal.LogMass(a, b);
        var mass = Math.Exp(logMass);
        var p = below + (u * mass);
        if (p < StandardNormal.SmallestDirectProbability)
        {
            // Φ(a) and the mass are subnormal or zero here: add them as logarithms.
            var logDrawn = Math.Log(u) + logMass;
            var logBelow = StandardNormal.LogCdf(a);
            var (high, low) = logBelow >= logDrawn ? (logBelow, logDrawn) : (logDrawn, logBelow);
            z = StandardNormal.LowerQuantileOfLog(high + StandardNormal.LogOnePlus(Math.Exp(low - high)));
        }
        else if (p <= 0.5)
        {
            z = StandardNormal.LowerQuantile(p);
        }
        else
        {
            var above = StandardNormal.Cdf(-b);
            z = -StandardNormal.LowerQuantile(above + ((1 - u) * mass));
        }

        return Math.Clamp(z, a, b);
    }
}
