namespace HpoSharp.Optimizers;

/// <summary>Options of <see cref="AnnealOptimizer"/>, with hyperopt's defaults.</summary>
public sealed class AnnealOptions : OptimizerOptions
{
    /// <summary>
    /// How far down the ranking the trial to explore around is drawn: its rank (0 the best) is a geometric variable with
    /// mean <c>AverageBestIndex − 1</c> (hyperopt's <c>avg_best_idx</c>, the mean of numpy's geometric draw before the 1 is
    /// subtracted). At 1 the best trial is always chosen; larger values explore around more of the good trials. Default 2.
    /// </summary>
    public double AverageBestIndex { get; init; } = 2.0;

    /// <summary>
    /// How fast the neighbourhood shrinks (hyperopt's <c>shrink_coef</c>): after T trials in which a parameter was active,
    /// values are drawn from a window of range / (1 + T · this) around the chosen trial's value (on an integer or stepped
    /// range, the range includes the half steps beyond its ends), and a categorical parameter is redrawn uniformly with
    /// probability s = 1 / (1 + T · this), so it leaves the chosen trial's choice with probability s · (k − 1) / k among
    /// k choices. Default 0.1.
    /// </summary>
    public double ShrinkCoefficient { get; init; } = 0.1;

    /// <inheritdoc/>
    public override void Validate()
    {
        Require(double.IsFinite(AverageBestIndex) && AverageBestIndex >= 1, nameof(AverageBestIndex), AverageBestIndex, "a finite number >= 1");
        Require(double.IsFinite(ShrinkCoefficient) && ShrinkCoefficient >= 0, nameof(ShrinkCoefficient), ShrinkCoefficient, "a finite number >= 0");
    }
}
