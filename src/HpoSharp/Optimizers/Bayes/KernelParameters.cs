namespace HpoSharp.Optimizers;

/// <summary>
/// The hyper-parameters of the Gaussian process: an inverse squared length scale <c>θ_d</c> per dimension, the output
/// scale <c>s</c> and the noise variance. They are optimised, stored and restored in raw form, the vector of their
/// logarithms <c>[log θ_1 … log θ_p, log s, log noise]</c>, so that every value of the raw vector is valid.
/// </summary>
internal sealed class KernelParameters
{
    /// <summary>Creates the parameters.</summary>
    public KernelParameters(double[] inverseSquaredLengthScales, double outputScale, double noise)
    {
        InverseSquaredLengthScales = inverseSquaredLengthScales;
        OutputScale = outputScale;
        Noise = noise;
    }

    /// <summary><c>θ_d = 1 / ℓ_d²</c> for each dimension.</summary>
    public double[] InverseSquaredLengthScales { get; }

    /// <summary>The prior variance of the latent function, <c>k(x, x)</c>.</summary>
    public double OutputScale { get; }

    /// <summary>The variance of the observation noise.</summary>
    public double Noise { get; }

    /// <summary>The number of dimensions.</summary>
    public int Dimensions => InverseSquaredLengthScales.Length;

    /// <summary>The length of the raw vector for <paramref name="dimensions"/> dimensions.</summary>
    public static int RawLength(int dimensions) => dimensions + 2;

    /// <summary>The parameters of the raw vector <paramref name="raw"/>.</summary>
    public static KernelParameters FromRaw(ReadOnlySpan<double> raw)
    {
        var p = raw.Length - 2;
        var theta = new double[p];
        for (var d = 0; d < p; d++)
        {
            theta[d] = Math.Exp(raw[d]);
        }

        return new KernelParameters(theta, Math.Exp(raw[p]), Math.Exp(raw[p + 1]));
    }

    /// <summary>The raw vector <c>[log θ_1 … log θ_p, log s, log noise]</c>.</summary>
    public double[] ToRaw()
    {
        var raw = new double[RawLength(Dimensions)];
        for (var d = 0; d < Dimensions; d++)
        {
            raw[d] = Math.Log(InverseSquaredLengthScales[d]);
        }

        raw[Dimensions] = Math.Log(OutputScale);
        raw[Dimensions + 1] = Math.Log(Noise);
        return raw;
    }
}
