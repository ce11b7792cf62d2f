namespace HpoSharp.Tests.Optimizers.Bayes;

/// <summary>
/// Two fixed training sets with fixed hyper-parameters, shared by the tests that compare the Gaussian process with
/// independent implementations (golden values computed once and embedded in those tests). Points are in model
/// coordinates, values are taken as they are (no warping: the process never standardises), and raw hyper-parameters are
/// <c>[log θ_1 … log θ_p, log s, log noise]</c> with <c>θ_d = 1 / ℓ_d²</c>.
/// </summary>
internal static class ReferenceProblems
{
    /// <summary>Numeric set: 8 points in 3 dimensions, θ = (2, 0.5, 8), s = 1.3, noise = 1e-3.</summary>
    public static readonly bool[] NumericCategorical = [false, false, false];

    /// <summary>The points of the numeric set, 8×3 row-major.</summary>
    public static readonly double[] NumericPoints =
    [
        0.6251, 0.8972, 0.7757, 0.2252, 0.3002, 0.8736, 0.0053, 0.8212, 0.7971, 0.4679, 0.303, 0.2784,
        0.2549, 0.4451, 0.5045, 0.5535, 0.9955, 0.7927, 0.6222, 0.989, 0.2153, 0.1602, 0.6125, 0.0439,
    ];

    /// <summary>The values of the numeric set.</summary>
    public static readonly double[] NumericValues =
        [0.4021625, -0.6902375000000001, -0.6772374999999999, -0.030237500000000028, -0.3307375, 0.6216625, 0.8580625, -0.1534375];

    /// <summary>The raw hyper-parameters of the numeric set.</summary>
    public static readonly double[] NumericRaw = [Math.Log(2), Math.Log(0.5), Math.Log(8), Math.Log(1.3), Math.Log(1e-3)];

    /// <summary>Query points of the numeric set, 4×3 row-major (the last one is a training point).</summary>
    public static readonly double[] NumericQueries = [0.1, 0.2, 0.3, 0.5, 0.5, 0.5, 0.9, 0.05, 0.7, 0.0053, 0.8212, 0.7971];

    /// <summary>
    /// Mixed set: 10 points of (numeric, categorical with 3 choices, conditional numeric inactive at 3 points),
    /// θ = (3, 0.7, 1.5), s = 0.8, noise = 0.02.
    /// </summary>
    public static readonly bool[] MixedCategorical = [false, true, false];

    /// <summary>The points of the mixed set, 10×3 row-major, NaN where inactive.</summary>
    public static readonly double[] MixedPoints =
    [
        0.0357, 2, 0.1545, 0.5149, 2, double.NaN, 0.4662, 2, 0.8803, 0.9172, 0, 0.5098, 0.6292, 2, double.NaN,
        0.5141, 1, 0.6397, 0.4969, 1, 0.7418, 0.2475, 0, double.NaN, 0.0118, 1, 0.5411, 0.1924, 2, 0.5078,
    ];

    /// <summary>The values of the mixed set.</summary>
    public static readonly double[] MixedValues =
    [
        0.8118599999999999, -0.3020400000000001, 0.25805999999999985, -1.28684, -0.64354, -0.45944000000000007,
        -0.29544000000000004, 0.11625999999999992, 0.90756, 0.89356,
    ];

    /// <summary>The raw hyper-parameters of the mixed set.</summary>
    public static readonly double[] MixedRaw = [Math.Log(3), Math.Log(0.7), Math.Log(1.5), Math.Log(0.8), Math.Log(2e-2)];

    /// <summary>Query points of the mixed set, 4×3 row-major: one with its conditional coordinate inactive, one with an unseen choice.</summary>
    public static readonly double[] MixedQueries = [0.2, 1, 0.4, 0.6, 2, double.NaN, 0.35, 0, 0.9, 0.5, 3, 0.5];

    /// <summary>Asserts that <paramref name="actual"/> is within <paramref name="tolerance"/> of <paramref name="expected"/>, relative to max(1, |expected|).</summary>
    public static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        var error = Math.Abs(actual - expected) / Math.Max(1, Math.Abs(expected));
        Assert.True(error <= tolerance, $"{what}: {actual:R}, expected {expected:R} (error {error:G3}, tolerance {tolerance:G3})");
    }
}
