namespace HpoSharp.Optimizers;

/// <summary>Options of <see cref="MoCmaEsOptimizer"/>.</summary>
public sealed class MoCmaEsOptions : OptimizerOptions
{
    /// <summary>
    /// The number μ of individuals the population keeps (and of random points it starts from). Default 30: enough to
    /// spread along a front, small enough that the individuals adapt within a few hundred evaluations.
    /// </summary>
    public int PopulationSize { get; init; } = 30;

    /// <summary>
    /// The initial step size σ₀ of every individual, as a fraction of each dimension's range in its search scale (the
    /// logarithm for log ranges). Default 0.1: the individuals start from random points spread over the whole space, so
    /// their first steps refine locally.
    /// </summary>
    public double InitialStepSize { get; init; } = 0.1;

    /// <summary>
    /// When an offspring counts as a success for the step-size rule. Default <see cref="MoCmaEsSuccess.BeatsParent"/>,
    /// which converges faster at the budgets of hyper-parameter tuning; <see cref="MoCmaEsSuccess.Selected"/> spreads the
    /// population faster along the front.
    /// </summary>
    public MoCmaEsSuccess Success { get; init; } = MoCmaEsSuccess.BeatsParent;

    /// <inheritdoc/>
    public override void Validate()
    {
        Require(PopulationSize >= 2, nameof(PopulationSize), PopulationSize, "at least 2");
        Require(Enum.IsDefined(Success), nameof(Success), Success, "a MoCmaEsSuccess value");
        Require(double.IsFinite(InitialStepSize) && InitialStepSize > 0 && InitialStepSize <= 1, nameof(InitialStepSize), InitialStepSize, "a number in (0, 1]");
    }
}
