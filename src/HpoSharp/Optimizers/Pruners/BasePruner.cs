using HpoSharp.Trials;

namespace HpoSharp.Optimizers;

/// <summary>Decides whether a running trial, judged by the values it reported so far, should stop early.</summary>
public abstract class BasePruner
{
    /// <summary>Whether <paramref name="trial"/> (its <see cref="Trial.IntermediateValues"/> included) should stop, given the study's <paramref name="history"/>.</summary>
    public abstract bool ShouldPrune(Trial trial, TrialHistory history);
}

/// <summary>The pruner that never prunes: the default.</summary>
public sealed class NopPruner : BasePruner
{
    /// <inheritdoc/>
    public override bool ShouldPrune(Trial trial, TrialHistory history) => false;
}
