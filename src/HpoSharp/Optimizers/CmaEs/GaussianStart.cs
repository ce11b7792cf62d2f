using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <summary>
/// Where a CMA-ES run's Gaussian starts: mean, step size and covariance of determinant 1 (n×n row-major, or its n diagonal
/// entries for a separable search; null for the identity).
/// </summary>
/// <param name="Mean">The mean m₀.</param>
/// <param name="Sigma">The step size σ₀.</param>
/// <param name="Covariance">The covariance C₀ in the form the search keeps it, or null for the identity.</param>
internal sealed record GaussianStart(double[] Mean, double Sigma, double[]? Covariance)
{
    private const string Setting = $"{nameof(CmaEsOptions)}.{nameof(CmaEsOptions.InitialPoint)}";

    /// <summary>
    /// Where the first run starts: fitted to <see cref="CmaEsOptions.WarmStartFrom"/>, or at
    /// <see cref="CmaEsOptions.InitialPoint"/> with the initial step size and C = I; null for the centre (or when there
    /// are no Gaussian coordinates). Throws an <see cref="ArgumentException"/> naming the parameter when the initial point
    /// is not a valid configuration of <paramref name="space"/>.
    /// </summary>
    public static GaussianStart? Of(CmaEsOptions options, SearchSpace space, CmaCoordinates coordinates)
    {
        if (options.InitialPoint is not { } point)
        {
            return WarmStart.Of(options, space, coordinates);
        }

        double[] encoded;
        try
        {
            encoded = space.Encode(point);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{Setting} is not a valid configuration of this search space: {e.Reason()}", nameof(CmaEsOptions.InitialPoint));
        }

        var n = coordinates.GaussianCount;
        return n == 0 ? null : new GaussianStart(coordinates.GaussianPoint(encoded), options.InitialStepSize, null);
    }
}
