namespace HpoSharp.Bench.Problems;

/// <summary>Noisy versions of suite problems: Gaussian noise on what the algorithm observes; regret is the noise-free value of the configuration it reports as best.</summary>
public static class NoisyProblems
{
    /// <summary><paramref name="problem"/> observed through additive Gaussian noise of standard deviation <paramref name="sd"/>.</summary>
    public static Problem Of(Problem problem, double sd, SuiteHalf half)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem with
        {
            Name = $"noisy-{problem.Name}",
            Family = "noisy",
            Half = half,
            Description = $"{problem.Description}; Gaussian noise sd {sd}",
            Create = seed => problem.Create(seed) with { NoiseSd = sd },
        };
    }
}
