using HpoSharp.Space;

namespace HpoSharp.Bench.Problems;

/// <summary>Which half of the suite a problem belongs to: defaults may be tuned on the first, never on the second.</summary>
public enum SuiteHalf
{
    /// <summary>Problems on which an algorithm's defaults may be chosen.</summary>
    Tuning,

    /// <summary>Problems reported but never tuned on.</summary>
    HeldOut,
}

/// <summary>
/// A benchmark problem: a name, a family, a half, and a factory of instances. Each seed gets its own instance (its own
/// shift, rotation or tables, as BBOB's instances), shared by every algorithm run with that seed.
/// </summary>
/// <param name="Name">A unique name, also the key of cached results.</param>
/// <param name="Family">The problem class, selectable with <c>--only</c>.</param>
/// <param name="Half">The tuning or held-out half.</param>
/// <param name="Description">One line for the report.</param>
/// <param name="Create">Builds the instance of a seed.</param>
public sealed record Problem(string Name, string Family, SuiteHalf Half, string Description, Func<ulong, ProblemInstance> Create)
{
    /// <summary>The number of objectives (all minimised).</summary>
    public int Objectives { get; init; } = 1;

    /// <summary>Whether the problem has several objectives.</summary>
    public bool IsMultiObjective => Objectives > 1;
}

/// <summary>
/// One instance of a problem: the search space, the noise-free objective (every objective minimised) and what the
/// regret is measured against: the optimum value, or the reference point and the Pareto front's hypervolume.
/// </summary>
public sealed record ProblemInstance
{
    private const ulong NoiseStream = 0x6E6F697365UL;

    /// <summary>The search space.</summary>
    public required IReadOnlyList<HPSpace> Space { get; init; }

    /// <summary>The noise-free objective values of a configuration.</summary>
    public required Func<HyperParameters, double[]> Evaluate { get; init; }

    /// <summary>The optimum value f* of a single-objective problem.</summary>
    public double Optimum { get; init; }

    /// <summary>The standard deviation of the Gaussian noise added to observed values; 0 for a noise-free problem.</summary>
    public double NoiseSd { get; init; }

    /// <summary>The reference point of the hypervolume of a multi-objective problem.</summary>
    public IReadOnlyList<double>? ReferencePoint { get; init; }

    /// <summary>The hypervolume of the true Pareto front with respect to <see cref="ReferencePoint"/>.</summary>
    public double FrontHypervolume { get; init; }

    /// <summary>
    /// What the algorithm observes for trial <paramref name="trial"/> of the run with <paramref name="seed"/>: the
    /// noise-free values plus seeded noise, so that both sides of a comparison see the same noise.
    /// </summary>
    public (double[] Observed, double[] True) Observe(HyperParameters hyperParameters, ulong seed, int trial)
    {
        var truth = Evaluate(hyperParameters);
        if (NoiseSd == 0)
        {
            return (truth, truth);
        }

        var rng = new Optimizers.RandomStream(seed ^ NoiseStream, (ulong)trial);
        return ([.. truth.Select(v => v + (NoiseSd * rng.NextGaussian()))], truth);
    }
}
