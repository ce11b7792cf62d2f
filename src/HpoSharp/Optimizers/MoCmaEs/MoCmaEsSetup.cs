using System.Collections.Immutable;
using HpoSharp.Trials;

namespace HpoSharp.Optimizers;

/// <summary>What every state of one <c>mocmaes</c> study shares.</summary>
/// <param name="Coordinates">The coordinates of the search space.</param>
/// <param name="Options">The options in use.</param>
/// <param name="History">The study's history.</param>
internal sealed record MoCmaEsSetup(CmaCoordinates Coordinates, MoCmaEsOptions Options, TrialHistory History)
{
    /// <summary>The constants of the individuals' (1+1)-CMA-ES.</summary>
    public ElitistParameters Parameters { get; } = new(Coordinates.GaussianCount);

    /// <summary>The least probability α = 1 - 0.73^(1/M) that a discrete or categorical coordinate changes in an offspring (M of them).</summary>
    public double Margin => Coordinates.DiscreteCount + Coordinates.CategoricalCount == 0 ? 0 : 1 - Math.Pow(0.73, 1.0 / (Coordinates.DiscreteCount + Coordinates.CategoricalCount));

    /// <summary>The centre of the space as a sample (every Gaussian coordinate 0.5, every choice the first): the fallback for inactive coordinates of outside trials.</summary>
    public double[] Centre { get; } = [.. Enumerable.Repeat(0.5, Coordinates.GaussianCount), .. new double[Coordinates.CategoricalCount]];

    /// <summary>A new individual's strategy: the initial step size, C = I.</summary>
    public ElitistStrategy NewStrategy() => new(Coordinates.GaussianCount, Options.InitialStepSize, Parameters.TargetSuccess);

    /// <summary>The array stored on <paramref name="trial"/> under <paramref name="attribute"/>.</summary>
    public static double[] Values(Trial trial, string attribute) => [.. (ImmutableArray<double>)trial.SystemAttributes[attribute]];

    /// <summary>Whether this strategy suggested <paramref name="trial"/> for a search space whose samples have <paramref name="sampleLength"/> values.</summary>
    public static bool IsOurs(Trial trial, int sampleLength) =>
        trial.SystemAttributes.ContainsKey(MoCmaEsOptimizer.ParentAttribute)
        && trial.SystemAttributes.TryGetValue(MoCmaEsOptimizer.SampleAttribute, out var sample)
        && sample is ImmutableArray<double> values && values.Length == sampleLength;
}
