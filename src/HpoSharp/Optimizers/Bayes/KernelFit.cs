namespace HpoSharp.Optimizers;

/// <summary>
/// Fits the kernel's hyper-parameters by maximising the log marginal likelihood plus the log prior
/// (<see cref="MarginalLikelihood"/>) with the bounded quasi-Newton method, from several starts: the previous fit (when the
/// history holds one), then restarts at the priors' modes and at random length scales (<see cref="KernelPrior.Sample"/>).
/// The start with the best optimum wins.
/// </summary>
internal static class KernelFit
{
    /// <summary>The projected-gradient tolerance of a fit: the likelihood is flat near its optimum and tighter stops only cost time.</summary>
    private const double GradientTolerance = 1e-2;

    /// <summary>
    /// The raw hyper-parameters maximising the posterior of <paramref name="likelihood"/>, starting from
    /// <paramref name="previous"/> (may be null) and <paramref name="restarts"/> more starts: the priors' modes, then draws
    /// from <paramref name="rng"/>. Without a previous fit, the modes are always a start.
    /// </summary>
    public static double[] Fit(MarginalLikelihood likelihood, double[]? previous, int restarts, RandomStream rng, int maxIterations = 200)
    {
        ArgumentNullException.ThrowIfNull(likelihood);
        ArgumentNullException.ThrowIfNull(rng);
        var prior = likelihood.Prior;
        var starts = new List<double[]>();
        if (previous is not null)
        {
            starts.Add(prior.Clamp((double[])previous.Clone()));
        }

        if (previous is null || restarts > 0)
        {
            starts.Add(prior.Mode());
        }

        for (var i = 1; i < restarts; i++)
        {
            starts.Add(prior.Sample(rng));
        }

        var optimizer = new BoundedLbfgs { GradientTolerance = GradientTolerance, MaxIterations = maxIterations };
        double[]? best = null;
        var bestLoss = double.PositiveInfinity;
        foreach (var start in starts)
        {
            var (raw, loss, _) = optimizer.Minimize(likelihood.Loss, start, prior.Lower, prior.Upper);
            if (loss < bestLoss)
            {
                (best, bestLoss) = (raw, loss);
            }
        }

        return best ?? prior.Mode();
    }
}
