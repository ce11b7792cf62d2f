namespace HpoSharp.Optimizers;

/// <summary>How the number of good trials grows with the number of trials observed.</summary>
public enum TpeGammaRule
{
    /// <summary>min(⌈factor · n⌉, cap): a fixed fraction of the trials (Optuna's default, factor 0.1 and cap 25).</summary>
    Linear,

    /// <summary>min(⌈factor · √n⌉, cap): a shrinking fraction (hyperopt's default, factor 0.25 and cap 25).</summary>
    SquareRoot,
}

/// <summary>
/// Options of <see cref="TpeOptimizer"/>. The defaults were chosen by measurement on the tuning half of the benchmark
/// suite; each setting says what it controls and what moving it does.
/// </summary>
public sealed class TpeOptions : OptimizerOptions
{
    /// <summary>
    /// The number of finished trials (complete or pruned) before the model is used; until then configurations are
    /// drawn at random, as <c>random</c> does. Default 10.
    /// </summary>
    public int StartupTrials { get; init; } = 10;

    /// <summary>
    /// How many candidates are drawn from the good trials' density l(x) before the one with the largest
    /// log l(x) − log g(x) is chosen. More candidates exploit the model harder; fewer explore more. Default 24.
    /// </summary>
    public int Candidates { get; init; } = 24;

    /// <summary>
    /// Model the dimensions jointly (true: one kernel per trial over all the dimensions that are active together, so
    /// interactions between parameters are captured) or each dimension on its own (false, the original TPE).
    /// Conditional parameters are grouped by the conditions that activate them: each group is modelled from the trials in
    /// which it was active. Default true.
    /// </summary>
    public bool Multivariate { get; init; } = true;

    /// <summary>
    /// <see cref="Multivariate"/> for multi-objective studies. Default false (each dimension on its own, as Optuna does on
    /// several objectives): a good density that is a product of per-dimension densities mixes the coordinates of different
    /// good trials and so spreads candidates along the front. On the tuning half (with the weight exponent at 1) the joint
    /// model did better on ZDT1 (median hypervolume gap 0.16 against 0.29, but spread widely over seeds) and worse on
    /// DTLZ2 (0.16 against 0.11, where it sometimes converged early); one by one was the steadier choice.
    /// </summary>
    public bool MultiObjectiveMultivariate { get; init; }

    /// <summary>
    /// Multi-objective studies: each good trial weighs its share of the good set's hypervolume to this power, that is
    /// (its exclusive contribution / the largest contribution)^exponent. At 1 the weights are Optuna's MOTPE weights up to
    /// 4.1 (Optuna 4.2 to 4.9 measured the contributions against the good set's own front, leaving its dominated trials
    /// out) and trials that add little to the front barely count; at 0 every good trial weighs the same (Optuna since
    /// 5.0). Default 0.5: on the tuning half it kept the gain of the contribution weights on ZDT1 (hypervolume gap 0.28,
    /// against 0.29 at 1 and 0.40 at 0) and was better on DTLZ2 (0.088, against 0.11 at 1).
    /// </summary>
    public double MultiObjectiveWeightExponent { get; init; } = 0.5;

    /// <summary>The rule for the number of good trials (the split γ). Default <see cref="TpeGammaRule.Linear"/>.</summary>
    public TpeGammaRule GammaRule { get; init; } = TpeGammaRule.Linear;

    /// <summary>The factor of <see cref="GammaRule"/>: larger values make the good density broader and the search more exploratory. Default 0.1.</summary>
    public double GammaFactor { get; init; } = 0.1;

    /// <summary>The largest number of good trials, whatever the number of trials. Default 25.</summary>
    public int GammaCap { get; init; } = 25;

    /// <summary>
    /// The largest number of good trials in a multi-objective study, where the good side should cover the Pareto front;
    /// null for no cap (Optuna's rule for several objectives). Default null: a cap of 25 made no measurable difference on
    /// the tuning half at 300 trials, nor did a factor of 0.07 or 0.15 instead of <see cref="GammaFactor"/>'s 0.1.
    /// </summary>
    public int? MultiObjectiveGammaCap { get; init; }

    /// <summary>
    /// Down-weighting of old trials: when a side (good or bad) holds more trials than this, all but the newest this many
    /// get weights rising linearly from 1/n for the oldest to 1 (hyperopt's "linear forgetting", Optuna's default 25).
    /// Null weighs every trial equally. Default 25.
    /// </summary>
    public int? ForgettingWindow { get; init; } = 25;

    /// <summary>
    /// Weigh each good trial by how much it improves on the best bad trial (Watanabe 2023's "EI" weighting), so the best
    /// trials pull hardest; the prior then weighs the mean of those weights times <see cref="PriorWeight"/>. Off, good
    /// trials weigh equally (Optuna). Default true: it sharpened the search on most problems of the tuning half.
    /// </summary>
    public bool ImprovementWeights { get; init; } = true;

    /// <summary>
    /// The weight of the prior kernel (centred on the range, as wide as the range; uniform over choices) relative to a
    /// trial of weight 1 (or to the mean improvement weight). It keeps every region reachable; it also sets how much a
    /// categorical kernel spreads over other choices (see <see cref="CategoricalSmoothing"/>). Default 0.5 (Optuna: 1),
    /// which was better on the categorical, conditional and mixed problems of the tuning half and no worse elsewhere.
    /// </summary>
    public double PriorWeight { get; init; } = 0.5;

    /// <summary>The bandwidth rule for numeric dimensions. Default <see cref="TpeBandwidth.Neighbours"/>.</summary>
    public TpeBandwidth Bandwidth { get; init; } = TpeBandwidth.Neighbours;

    /// <summary>
    /// The floor of the smallest-bandwidth clip as a fraction of the range: a bandwidth is never below
    /// range · max(this, (1 + kernels)^(−<see cref="MagicClipExponent"/>)). Default 0.01 (Optuna's 1/100).
    /// </summary>
    public double MinBandwidthFactor { get; init; } = 0.01;

    /// <summary>
    /// The exponent of the smallest-bandwidth clip ("magic clip"): at 1 the floor shrinks like 1/kernels, as in hyperopt
    /// and Optuna, which keeps the good density broad (10 good trials: kernels at least 1/12 of the range wide) and the
    /// search imprecise; larger values let kernels narrow faster. Default 2, which found optima one to two orders of
    /// magnitude closer on the low-dimensional problems of the tuning half. See <see cref="MagicClipDimensions"/>.
    /// </summary>
    public double MagicClipExponent { get; init; } = 2.0;

    /// <summary>
    /// The number of jointly modelled dimensions up to which <see cref="MagicClipExponent"/> applies in full; from there
    /// an exponent above 1 falls linearly to 1 (Optuna's) at twice as many dimensions, so large groups keep broader
    /// kernels; an exponent of 1 or less applies at every size.
    /// Default 5: in 10 dimensions and more, narrow kernels made the search converge too early.
    /// </summary>
    public double MagicClipDimensions { get; init; } = 5;

    /// <summary>
    /// On a discrete dimension, the smallest bandwidth of a kernel as a fraction of the width of its own value's cell, so
    /// that kernels keep giving the neighbouring values some mass however many trials accumulate (with the faster clip of
    /// <see cref="MagicClipExponent"/>, kernels would otherwise freeze on the values seen). 0 turns it off. Default 0.5.
    /// </summary>
    public double DiscreteMinBandwidth { get; init; } = 0.5;

    /// <summary>
    /// Whether the bounds count as neighbours of the smallest and largest observations under
    /// <see cref="TpeBandwidth.Neighbours"/> (widening their kernels). Default false, as Optuna.
    /// </summary>
    public bool ConsiderEndpoints { get; init; }

    /// <summary>
    /// The probability a categorical kernel spreads over the choices other than its trial's (Aitchison–Aitken), taken as
    /// (c − 1)/c, where the kernel is uniform, when larger for a parameter of c choices: a kernel never favours the other
    /// choices over its trial's (with 2 choices, any value from 0.5 up gives uniform kernels). Null uses Optuna's rule: a
    /// kernel gives its trial's choice weight 1 and every choice <see cref="PriorWeight"/>/(n + 1) more, normalised, so
    /// kernels sharpen as trials accumulate. Default null.
    /// </summary>
    public double? CategoricalSmoothing { get; init; }

    /// <summary>
    /// Parallel workers: running (and enqueued) trials join the bad trials as if they had the worst value, so the next
    /// suggestions move away from configurations already under evaluation (Optuna's constant liar). Default true.
    /// </summary>
    public bool ConstantLiar { get; init; } = true;

    /// <inheritdoc/>
    public override void Validate()
    {
        Require(StartupTrials >= 1, nameof(StartupTrials), StartupTrials, "at least 1");
        Require(Candidates >= 1, nameof(Candidates), Candidates, "at least 1");
        Require(double.IsFinite(GammaFactor) && GammaFactor > 0, nameof(GammaFactor), GammaFactor, "a finite number > 0");
        Require(GammaCap >= 1, nameof(GammaCap), GammaCap, "at least 1");
        Require(double.IsFinite(MultiObjectiveWeightExponent) && MultiObjectiveWeightExponent >= 0, nameof(MultiObjectiveWeightExponent), MultiObjectiveWeightExponent, "a finite number >= 0");
        Require(MultiObjectiveGammaCap is null or >= 1, nameof(MultiObjectiveGammaCap), MultiObjectiveGammaCap, "at least 1, or null for no cap");
        Require(ForgettingWindow is null or >= 1, nameof(ForgettingWindow), ForgettingWindow, "at least 1, or null for equal weights");
        Require(double.IsFinite(PriorWeight) && PriorWeight > 0, nameof(PriorWeight), PriorWeight, "a finite number > 0");
        Require(double.IsFinite(MinBandwidthFactor) && MinBandwidthFactor > 0 && MinBandwidthFactor <= 1, nameof(MinBandwidthFactor), MinBandwidthFactor, "a number in (0, 1]");
        Require(double.IsFinite(MagicClipExponent) && MagicClipExponent >= 0, nameof(MagicClipExponent), MagicClipExponent, "a finite number >= 0");
        Require(MagicClipDimensions >= 1, nameof(MagicClipDimensions), MagicClipDimensions, "at least 1 (+∞ turns it off)");
        Require(double.IsFinite(DiscreteMinBandwidth) && DiscreteMinBandwidth >= 0, nameof(DiscreteMinBandwidth), DiscreteMinBandwidth, "a finite number >= 0");
        Require(CategoricalSmoothing is null or (> 0 and < 1), nameof(CategoricalSmoothing), CategoricalSmoothing, "a number in (0, 1), or null for Optuna's rule");
        Require(Enum.IsDefined(GammaRule), nameof(GammaRule), GammaRule, "Linear or SquareRoot");
        Require(Enum.IsDefined(Bandwidth), nameof(Bandwidth), Bandwidth, "Neighbours, Scott or RangeScaled");
    }

    /// <summary>The exponent of the smallest-bandwidth clip for a group of <paramref name="dimensions"/> dimensions.</summary>
    internal double ClipExponent(int dimensions)
    {
        if (dimensions <= MagicClipDimensions || MagicClipExponent <= 1)
        {
            return MagicClipExponent;
        }

        var excess = Math.Min((dimensions - MagicClipDimensions) / MagicClipDimensions, 1);
        return MagicClipExponent - (excess * (MagicClipExponent - 1));
    }

    /// <summary>The number of good trials among <paramref name="count"/> observed, in a study with one objective or several.</summary>
    internal int GoodCount(int count, bool multiObjective = false)
    {
        var raw = GammaRule == TpeGammaRule.Linear ? GammaFactor * count : GammaFactor * Math.Sqrt(count);
        var cap = multiObjective ? MultiObjectiveGammaCap ?? int.MaxValue : GammaCap;
        return Math.Min(Math.Min((int)Math.Ceiling(raw), cap), count);
    }

    /// <summary>The weight of the trial at <paramref name="position"/> (0 the oldest) among <paramref name="count"/> on one side.</summary>
    internal double ForgettingWeight(int position, int count)
    {
        if (ForgettingWindow is not { } window || count <= window || position >= count - window)
        {
            return 1.0;
        }

        var ramp = count - window;
        var start = 1.0 / count;
        return ramp == 1 ? start : start + (position * (1 - start) / (ramp - 1));
    }
}
