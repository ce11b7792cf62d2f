using System.Collections.Immutable;
using HpoSharp.Trials;

namespace HpoSharp.Optimizers;

/// <summary>What every state of one <c>cmaes</c> study shares: its coordinates, options, seed, default population and history.</summary>
/// <param name="Coordinates">The coordinates of the search space.</param>
/// <param name="Options">The options in use.</param>
/// <param name="Seed">The study's seed.</param>
/// <param name="Lambda">The population size of the first run.</param>
/// <param name="History">The study's history.</param>
/// <param name="Start">
/// Where the first run's Gaussian starts when <see cref="CmaEsOptions.InitialPoint"/> or <see cref="CmaEsOptions.WarmStartFrom"/>
/// is given; null for the centre.
/// </param>
internal sealed record CmaEsSetup(CmaCoordinates Coordinates, CmaEsOptions Options, ulong Seed, int Lambda, TrialHistory History, GaussianStart? Start = null)
{
    /// <summary>
    /// The largest population of a run, so that restarts that multiply it cannot exhaust memory or overflow: a bigger
    /// <see cref="CmaEsOptions.PopulationSize"/> is refused, and IPOP and BIPOP grow no further.
    /// </summary>
    public const int MaxLambda = 1_000_000;

    /// <summary>The default population size 4 + ⌊3 ln n⌋ for <paramref name="n"/> searched coordinates.</summary>
    public static int DefaultLambda(int n) => 4 + (int)Math.Floor(3 * Math.Log(Math.Max(1, n)));

    /// <summary>
    /// Whether <paramref name="trial"/> can be a member of a generation: a complete trial, or with
    /// <see cref="CmaEsOptions.ConsiderPrunedTrials"/> a pruned one whose last intermediate value is finite.
    /// </summary>
    public static bool Counts(Trial trial, CmaEsOptions options) => trial.State switch
    {
        TrialState.Complete => true,
        TrialState.Pruned => options.ConsiderPrunedTrials && !trial.IntermediateValues.IsEmpty && double.IsFinite(trial.IntermediateValues.Last().Value),
        _ => false,
    };

    /// <summary>The performance (higher is better) of a trial that <see cref="Counts"/>: a pruned trial's is its last intermediate value's.</summary>
    public double Perf(Trial trial) =>
        trial.State == TrialState.Pruned ? History.Directions[0].Perf(trial.IntermediateValues.Last().Value) : History.Perf(trial);

    /// <summary>The sample stored on <paramref name="trial"/>.</summary>
    public static double[] SampleOf(Trial trial) => [.. (ImmutableArray<double>)trial.SystemAttributes[CmaEsOptimizer.SampleAttribute]];

    /// <summary>
    /// Whether this strategy suggested <paramref name="trial"/> for a search space whose samples have
    /// <paramref name="sampleLength"/> values (not an enqueued or added trial, nor one of another search space).
    /// </summary>
    public static bool IsOurs(Trial trial, int sampleLength) =>
        trial.SystemAttributes.ContainsKey(CmaEsOptimizer.GenerationAttribute)
        && trial.SystemAttributes.TryGetValue(CmaEsOptimizer.SampleAttribute, out var sample)
        && sample is ImmutableArray<double> values && values.Length == sampleLength;
}
