namespace HpoSharp.Optimizers;

/// <summary>
/// The constants of the elitist (1+1)-CMA-ES of every individual of MO-CMA-ES in n dimensions (Igel, Hansen and Roth,
/// 2007): target success rate 2/11, success-rate smoothing p/(2 + p), step-size damping 1 + n/2, path cumulation 2/(n + 2),
/// covariance learning rate 2/(n² + 6), and the success rate 0.44 above which the path stalls.
/// </summary>
internal sealed class ElitistParameters
{
    /// <summary>Computes the constants for <paramref name="n"/> Gaussian coordinates.</summary>
    public ElitistParameters(int n)
    {
        Dimension = n;
        TargetSuccess = 1 / (5 + 0.5);
        SuccessRate = TargetSuccess / (2 + TargetSuccess);
        Damping = 1 + (n / 2.0);
        PathRate = 2.0 / (n + 2);
        CovarianceRate = 2.0 / ((n * n) + 6.0);
        MaxStepLength = Math.Sqrt(n) + (2.0 * n / (n + 2));
    }

    /// <summary>The number of Gaussian coordinates n.</summary>
    public int Dimension { get; }

    /// <summary>The target success probability.</summary>
    public double TargetSuccess { get; }

    /// <summary>The learning rate of the smoothed success probability.</summary>
    public double SuccessRate { get; }

    /// <summary>The step-size damping d.</summary>
    public double Damping { get; }

    /// <summary>The cumulation rate of the evolution path.</summary>
    public double PathRate { get; }

    /// <summary>The covariance learning rate.</summary>
    public double CovarianceRate { get; }

    /// <summary>The success probability above which the path stops accumulating steps.</summary>
    public double SuccessThreshold => 0.44;

    /// <summary>The longest step (in the Mahalanobis metric) an update uses: √n + 2n/(n + 2), as for injected solutions.</summary>
    public double MaxStepLength { get; }
}
