using System.Numerics;
using System.Runtime.InteropServices;

namespace HpoSharp.Optimizers;

/// <summary>
/// The Matérn 5/2 kernel with one length scale per dimension (ARD) and an output scale, on points in model
/// coordinates (<see cref="ModelSpace"/>): <c>k(a, b) = s · m(r²)</c> with <c>m(r²) = (1 + √5 r + 5r²/3) e^(-√5 r)</c> and
/// <c>r² = Σ_d θ_d δ_d(a, b)</c>, where <c>θ_d</c> is the inverse squared length scale of dimension d and <c>δ_d</c> its squared distance:
/// <list type="bullet">
/// <item>numeric dimension: <c>(a_d - b_d)²</c> on the unit interval;</item>
/// <item>categorical dimension: 0 for the same choice, 1 otherwise (a Hamming distance with its own length scale);</item>
/// <item>inactive dimension (NaN): a numeric one sits at the middle of its range with an activity indicator one unit
/// away from the active state, so <c>δ = (a_d - 0.5)² + 1</c> against an active point and 0 between two inactive ones;
/// a categorical one is one more choice. Both are Euclidean embeddings, so the kernel stays positive definite.</item>
/// </list>
/// </summary>
internal sealed class MaternKernel
{
    private static readonly double Sqrt5 = Math.Sqrt(5);

    /// <summary>Creates the kernel.</summary>
    /// <param name="categorical">For each dimension, whether it is categorical.</param>
    /// <param name="parameters">Its hyper-parameters, one inverse squared length scale per dimension.</param>
    public MaternKernel(bool[] categorical, KernelParameters parameters)
    {
        Categorical = categorical;
        Parameters = parameters;
    }

    /// <summary>For each dimension, whether it is categorical.</summary>
    public bool[] Categorical { get; }

    /// <summary>The hyper-parameters.</summary>
    public KernelParameters Parameters { get; }

    /// <summary>The number of dimensions.</summary>
    public int Dimensions => Categorical.Length;

    /// <summary><c>m(r²)</c>, the Matérn 5/2 correlation at squared scaled distance <paramref name="r2"/>.</summary>
    public static double Correlation(double r2)
    {
        var r = Sqrt5 * Math.Sqrt(r2);
        return (1 + r + (r * r / 3)) * Math.Exp(-r);
    }

    /// <summary><c>dm/d(r²)</c> at <paramref name="r2"/>: <c>-5/6 (1 + √5 r) e^(-√5 r)</c>, finite at 0.</summary>
    public static double CorrelationSlope(double r2)
    {
        var r = Sqrt5 * Math.Sqrt(r2);
        return -5.0 / 6.0 * (1 + r) * Math.Exp(-r);
    }

    /// <summary>The squared distance <c>δ_d</c> of dimension <paramref name="d"/> between values <paramref name="a"/> and <paramref name="b"/>.</summary>
    public double DimensionDistance(int d, double a, double b)
    {
        var aInactive = double.IsNaN(a);
        var bInactive = double.IsNaN(b);
        if (Categorical[d])
        {
            return (aInactive && bInactive) || a == b ? 0 : 1;
        }

        var diff = (aInactive ? 0.5 : a) - (bInactive ? 0.5 : b);
        return (diff * diff) + (aInactive == bInactive ? 0 : 1);
    }

    /// <summary><c>r² = Σ_d θ_d δ_d(a, b)</c>.</summary>
    public double ScaledDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var theta = Parameters.InverseSquaredLengthScales;
        var r2 = 0.0;
        for (var d = 0; d < theta.Length; d++)
        {
            r2 += theta[d] * DimensionDistance(d, a[d], b[d]);
        }

        return r2;
    }

    /// <summary>The covariance <c>k(a, b)</c>.</summary>
    public double Covariance(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Parameters.OutputScale * Correlation(ScaledDistance(a, b));

    /// <summary>
    /// Replaces every <c>r²</c> of <paramref name="values"/> by the covariance <c>s m(r²)</c>; when <paramref name="slopes"/>
    /// is not empty, also writes <c>s m'(r²)</c> into it. Vectorised.
    /// </summary>
    public static void ToCovariances(Span<double> values, double scale, Span<double> slopes)
    {
        var n = values.Length;
        var withSlopes = !slopes.IsEmpty;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
            var slopeVectors = withSlopes ? MemoryMarshal.Cast<double, Vector<double>>(slopes[..n]) : default;
            var five = new Vector<double>(5);
            var third = new Vector<double>(1.0 / 3);
            var vScale = new Vector<double>(scale);
            var vSlope = new Vector<double>(-5.0 / 6 * scale);
            for (var k = 0; k < vectors.Length; k++)
            {
                var r = Vector.SquareRoot(five * vectors[k]);
                var e = Vector.Exp(-r);
                var onePlusR = Vector<double>.One + r;
                vectors[k] = vScale * (onePlusR + (r * r * third)) * e;
                if (withSlopes)
                {
                    slopeVectors[k] = vSlope * onePlusR * e;
                }
            }

            i = vectors.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            if (withSlopes)
            {
                slopes[i] = scale * CorrelationSlope(values[i]);
            }

            values[i] = scale * Correlation(values[i]);
        }
    }
}
