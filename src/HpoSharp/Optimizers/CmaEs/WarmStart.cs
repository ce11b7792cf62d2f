using HpoSharp.Execution;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Optimizers;

/// <summary>
/// The warm start of WS-CMA-ES (Nomura, Watanabe, Akimoto, Ozaki and Onishi, 2021). The k best of the usable source
/// trials, encoded as points x_i of the Gaussian coordinates, define a promising distribution, the mixture
/// (1/k) Σ N(x_i, α² I); the Gaussian closest to it in KL divergence has the mean m* = (1/k) Σ x_i and the covariance
/// Σ* = α² I + (1/k) Σ (x_i − m*)(x_i − m*)ᵀ, which the first run takes as σ₀ = det(Σ*)^(1/(2n)) and C₀ = Σ*/σ₀².
/// The closest Gaussian of diagonal covariance, the start of a separable search, has the diagonal of Σ*.
/// </summary>
internal static class WarmStart
{
    private const string Setting = $"{nameof(CmaEsOptions)}.{nameof(CmaEsOptions.WarmStartFrom)}";

    /// <summary>
    /// The first run's Gaussian from the best ⌈γ N⌉ (at least one) of the N usable trials (complete, with a finite value)
    /// of <see cref="CmaEsOptions.WarmStartFrom"/>, best by that study's direction (ties by trial number), each encoded
    /// into <paramref name="space"/> by parameter name; null without a source study or without Gaussian coordinates. An
    /// inactive dimension takes the centre 0.5. Throws an <see cref="ArgumentException"/> naming the trial and the
    /// parameter when a usable trial does not fit <paramref name="space"/>, and when the source study has several
    /// objectives or no usable trial.
    /// </summary>
    public static GaussianStart? Of(CmaEsOptions options, SearchSpace space, CmaCoordinates coordinates)
    {
        if (options.WarmStartFrom is not { } source)
        {
            return null;
        }

        if (source.Directions.Count != 1)
        {
            throw Refusal($"is a study of {source.Directions.Count} objectives; expected a single-objective study.");
        }

        var usable = source.Trials.Where(t => t.State == TrialState.Complete && double.IsFinite(t.Value))
            .Select(t => (Trial: t, Encoded: EncodeInto(space, source, t))).OrderByDescending(u => source.Directions[0].Perf(u.Trial.Value)).ToArray();
        if (usable.Length == 0)
        {
            throw Refusal($"has no complete trial with a finite value among its {source.Trials.Count}; expected at least one, or null for no warm start.");
        }

        if (coordinates.GaussianCount == 0)
        {
            return null;
        }

        // Rounded first so that, e.g., 0.28 × 25 = 7.000000000000001 takes 7 trials, not 8.
        var k = Math.Max(1, (int)Math.Ceiling(Math.Round(options.WarmStartTopShare * usable.Length, 9)));
        return Fit([.. usable.Take(k).Select(u => coordinates.GaussianPoint(u.Encoded))], options.WarmStartSpread, options.Separable);
    }

    /// <summary>
    /// The Gaussian closest to the mixture (1/k) Σ N(x_i, α² I) of <paramref name="points"/>, split into σ₀ and C₀; of
    /// diagonal covariance (its n entries, in O(n k)) when <paramref name="separable"/>.
    /// </summary>
    /// <param name="points">The points x_i, at least one, all of the same length n.</param>
    /// <param name="spread">The standard deviation α of each component.</param>
    /// <param name="separable">Whether the covariance is diagonal.</param>
    private static GaussianStart Fit(IReadOnlyList<double[]> points, double spread, bool separable)
    {
        var n = points[0].Length;
        var mean = new double[n];
        foreach (var x in points)
        {
            for (var i = 0; i < n; i++)
            {
                mean[i] += x[i] / points.Count;
            }
        }

        var covariance = new double[separable ? n : n * n];
        for (var i = 0; i < n; i++)
        {
            // Entry (i, j) is at row + j; the diagonal form keeps j = i only.
            var row = separable ? 0 : i * n;
            var (first, last) = separable ? (i, i) : (0, n - 1);
            covariance[row + i] = spread * spread;
            foreach (var x in points)
            {
                for (var j = first; j <= last; j++)
                {
                    covariance[row + j] += (x[i] - mean[i]) * (x[j] - mean[j]) / points.Count;
                }
            }
        }

        // det(Σ*)^(1/(2n)) through the log-determinant, which does not underflow in many dimensions.
        var logDeterminant = separable ? covariance.Sum(Math.Log) : CholeskyFactor.Factor(covariance, n).LogDeterminant;
        var sigma = Math.Exp(logDeterminant / (2 * n));
        for (var e = 0; e < covariance.Length; e++)
        {
            covariance[e] /= sigma * sigma;
        }

        return new GaussianStart(mean, sigma, covariance);
    }

    /// <summary><paramref name="trial"/>'s typed values in <paramref name="source"/>, encoded into <paramref name="space"/>.</summary>
    private static double[] EncodeInto(SearchSpace space, StudyResult source, Trial trial)
    {
        try
        {
            return space.Encode(source.HyperParametersOf(trial).ToDictionary(p => p.Key, p => (object?)p.Value));
        }
        catch (ArgumentException e)
        {
            throw Refusal($"has trial {trial.Number}, which does not fit this search space: {e.Reason()}");
        }
    }

    private static ArgumentException Refusal(string sentence) => new($"{Setting} {sentence}", nameof(CmaEsOptions.WarmStartFrom));
}
