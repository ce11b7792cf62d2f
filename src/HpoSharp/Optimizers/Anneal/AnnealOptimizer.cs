using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <summary>
/// <c>anneal</c>: annealing as hyperopt does it. Each suggestion picks a good past trial, its rank drawn from a
/// geometric distribution (<see cref="AnnealOptions.AverageBestIndex"/>), so the best trials are favoured; then every
/// active parameter is drawn near that trial's value: uniformly in a window, on the parameter's search scale, that shrinks
/// as 1 / (1 + T · <see cref="AnnealOptions.ShrinkCoefficient"/>) with the number T of trials in which the parameter was
/// active (moved inside the bounds when it would cross one), or for a choice, the trial's choice kept with a probability
/// that grows likewise. On an integer or stepped range the window is laid over the levels' equal cells (the range plus
/// half a step at each end) and a draw takes the level whose cell it falls in, where hyperopt's <c>quniform</c> rounds a
/// draw from a window over [low, high], which gives the end levels half a cell. A parameter the chosen trial did not use
/// is taken from the first earlier-chosen trial that used it, else from a newly drawn one that did; a parameter no trial
/// has used yet is drawn at random.
/// <para>Complete trials are ranked by value, pruned ones after them; failed ones are ignored; running ones count in T.</para>
/// </summary>
public sealed class AnnealOptimizer : BaseHPOptimizer
{
    private readonly KernelDimension[] _dimensions;
    private readonly TpeObservations _observations;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="options">Its options; null for hyperopt's defaults.</param>
    public AnnealOptimizer(SearchSpace space, AnnealOptions? options = null)
        : base(space)
    {
        Options = options ?? new();
        Options.Validate();
        _dimensions = [.. space.Dimensions.Select((d, i) => new KernelDimension(d, i))];
        _observations = new TpeObservations(_dimensions);
    }

    /// <summary>The options in use.</summary>
    public AnnealOptions Options { get; }

    /// <inheritdoc/>
    protected internal override Suggestion? GetSuggestion(int pid)
    {
        _observations.Refresh(History);
        var x = new double[_dimensions.Length];
        var bases = new List<int>();
        for (var d = 0; d < x.Length; d++)
        {
            if (!Space.IsActive(d, x))
            {
                x[d] = double.NaN;
                continue;
            }

            x[d] = BaseTrial(d, bases) is { } number
                ? Perturb(_dimensions[d], _observations.Value(number, d), ShrinkFactor(d))
                : Space.Dimensions[d].FromUnit(Rng.NextDouble());
        }

        return x;
    }

    /// <summary>A value near <paramref name="value"/>: the window or the switching probability scaled by <paramref name="shrink"/>.</summary>
    private double Perturb(KernelDimension dimension, double value, double shrink)
    {
        var u = Rng.NextDouble();
        if (dimension.Kind == KernelKind.Categorical)
        {
            return u < shrink ? Rng.NextInt(dimension.Count) : value;
        }

        var width = dimension.Range * shrink;
        var lowest = dimension.Low + (0.5 * width);

        // A window as wide as the range has one middle; low + width / 2 may round above high - width / 2.
        var middle = Math.Clamp(dimension.ToKernel(value), lowest, Math.Max(lowest, dimension.High - (0.5 * width)));
        return dimension.FromKernel(middle + ((u - 0.5) * width));
    }

    /// <summary>1 / (1 + T · shrink coefficient), T the number of finished or pending trials in which dimension <paramref name="d"/> was active.</summary>
    private double ShrinkFactor(int d)
    {
        var trials = _observations.ByValue(d).Length;
        foreach (var number in _observations.Pending)
        {
            trials += double.IsNaN(_observations.Value(number, d)) ? 0 : 1;
        }

        return 1 / (1 + (trials * Options.ShrinkCoefficient));
    }

    /// <summary>
    /// The trial to explore around on dimension <paramref name="d"/>: the first of <paramref name="bases"/> that used it,
    /// else one drawn by geometric rank among the ranked trials that used it (then added to the bases), or null if none did.
    /// </summary>
    private int? BaseTrial(int d, List<int> bases)
    {
        foreach (var number in bases)
        {
            if (!double.IsNaN(_observations.Value(number, d)))
            {
                return number;
            }
        }

        var candidates = _observations.ByValue(d).Length;
        if (candidates == 0)
        {
            return null;
        }

        var rank = Math.Min(GeometricRank(), candidates - 1);
        foreach (var number in _observations.Ranked)
        {
            if (!double.IsNaN(_observations.Value(number, d)) && rank-- == 0)
            {
                bases.Add(number);
                return number;
            }
        }

        throw new InvalidOperationException("The ranking lost a trial that uses the dimension.");
    }

    /// <summary>A geometric rank ≥ 0 with mean <see cref="AnnealOptions.AverageBestIndex"/> − 1, by inversion.</summary>
    private int GeometricRank()
    {
        var p = 1 / Options.AverageBestIndex;
        if (p >= 1)
        {
            return 0;
        }

        // log(1 - p), accurate where 1 - p would round to 1 (p below about 1e-16) and the rank would collapse to 0.
        var logStay = p < 1e-5 ? -p * (1 + (p * (0.5 + (p / 3)))) : Math.Log(1 - p);
        var draws = Math.Ceiling(Math.Log(1 - Rng.NextDouble()) / logStay);
        return (int)Math.Min(Math.Max(draws, 1) - 1, int.MaxValue - 1);
    }
}
