namespace HpoSharp.Optimizers;

/// <summary>
/// One run of the strategy between restarts: CatCMA with Margin over the coordinates of a search space, i.e. CMA-ES on
/// the Gaussian coordinates (with the margin on the discrete ones) jointly with categorical distributions on the
/// categorical ones. Without discrete and categorical coordinates this is plain (active) CMA-ES. Otherwise it is CatCMA
/// with Margin restricted to the kinds present, which is not quite the earlier methods: its margin (see
/// <see cref="DiscreteMargin"/>) adds integer centering, the memory of the probability of leaving a level and a least A at
/// an end level to the one of CMA-ES with Margin (2022), with α = 1 - 0.73^(1/M) rather than 1/(nλ); and its Gaussian
/// keeps the negative (active) weights that CatCMA (2024) drops, while the categorical update is CatCMA's.
/// </summary>
internal sealed class CmaRun
{
    private readonly CmaCoordinates _coordinates;
    private readonly DiscreteMargin? _margin;
    private readonly RunTermination _termination;

    /// <summary>
    /// Starts a run at <paramref name="mean"/> (Gaussian coordinates) with step size <paramref name="sigma"/>, covariance
    /// <paramref name="covariance"/> (null for the identity) and population <paramref name="lambda"/>, its Gaussian
    /// updated as <paramref name="variant"/> says.
    /// </summary>
    public CmaRun(CmaCoordinates coordinates, int lambda, double[] mean, double sigma, int? maxGenerations, GaussianVariant variant = default, double[]? covariance = null)
    {
        _coordinates = coordinates;
        Parameters = new CmaParameters(coordinates.GaussianCount, coordinates.DiscreteCount, coordinates.CategoricalCount, lambda, variant.Separable);
        Gaussian = coordinates.GaussianCount > 0 ? new GaussianSearch(mean, sigma, variant, covariance) : null;
        _margin = coordinates.DiscreteCount > 0 ? new DiscreteMargin(coordinates) : null;
        Categorical = coordinates.CategoricalCount > 0 ? new CategoricalSearch(coordinates.CategoryCounts, Parameters.Margin) : null;
        var all = Math.Max(1, coordinates.GaussianCount + coordinates.CategoricalCount);
        _termination = new RunTermination(coordinates.GaussianCount, lambda, (coordinates.DiscreteCount + coordinates.CategoricalCount) / (double)all);
        MaxGenerations = maxGenerations;
    }

    private CmaRun(CmaRun other)
    {
        _coordinates = other._coordinates;
        Parameters = other.Parameters;
        Gaussian = other.Gaussian?.Clone();
        _margin = other._margin?.Clone();
        Categorical = other.Categorical?.Clone();
        _termination = other._termination.Clone();
        MaxGenerations = other.MaxGenerations;
        Generations = other.Generations;
        StopReason = other.StopReason;
    }

    /// <summary>The strategy parameters.</summary>
    public CmaParameters Parameters { get; }

    /// <summary>The Gaussian part, or null when the space has no real or integer dimension.</summary>
    public GaussianSearch? Gaussian { get; }

    /// <summary>The margin of the discrete coordinates, or null when the space has none.</summary>
    public DiscreteMargin? Margin => _margin;

    /// <summary>The categorical part, or null when the space has no categorical dimension with two or more choices.</summary>
    public CategoricalSearch? Categorical { get; }

    /// <summary>The generation cap of a small BIPOP run, or null.</summary>
    public int? MaxGenerations { get; }

    /// <summary>The number of completed generations.</summary>
    public int Generations { get; private set; }

    /// <summary>Why the run ended, or <see cref="CmaStopReason.None"/> while it goes on.</summary>
    public CmaStopReason StopReason { get; private set; }

    /// <summary>A deep copy.</summary>
    public CmaRun Clone() => new(this);

    /// <summary>
    /// A sample: the Gaussian coordinates, with continuous ones repaired onto [0, 1] (discrete ones are kept raw: their
    /// level is read off their cell), followed by one chosen index per categorical coordinate.
    /// </summary>
    public double[] Sample(RandomStream rng)
    {
        var sample = new double[_coordinates.SampleLength];
        Gaussian?.Sample(rng, sample);
        for (var g = 0; g < _coordinates.GaussianCount; g++)
        {
            if (!_coordinates.IsDiscrete(g))
            {
                sample[g] = Math.Clamp(sample[g], 0, 1);
            }
        }

        Categorical?.Sample(rng, sample.AsSpan(_coordinates.GaussianCount));
        return sample;
    }

    /// <summary>The most likely sample: the mean (continuous coordinates repaired onto [0, 1]) and the most probable choices.</summary>
    public double[] MostLikely()
    {
        var sample = new double[_coordinates.SampleLength];
        for (var g = 0; g < _coordinates.GaussianCount; g++)
        {
            sample[g] = _coordinates.IsDiscrete(g) ? Gaussian!.Mean[g] : Math.Clamp(Gaussian!.Mean[g], 0, 1);
        }

        for (var c = 0; c < _coordinates.CategoricalCount; c++)
        {
            var q = Categorical!.Probabilities(c);
            var best = 0;
            for (var k = 1; k < q.Length; k++)
            {
                best = q[k] > q[best] ? k : best;
            }

            sample[_coordinates.GaussianCount + c] = best;
        }

        return sample;
    }

    /// <summary>
    /// Updates the distributions from one generation's samples and values (higher is better), best first;
    /// <paramref name="injected"/> marks samples drawn from an earlier distribution, whose steps are shortened as a
    /// repaired sample's are.
    /// </summary>
    public void Tell(IReadOnlyList<double[]> samples, IReadOnlyList<double> values, IReadOnlyList<bool> injected)
    {
        var p = Parameters;
        var n = _coordinates.GaussianCount;
        if (Gaussian is not null)
        {
            var v = samples.Select(s => s[..n]).ToArray();
            var repaired = v.Select((x, k) => injected[k] || Enumerable.Range(0, n).Any(g => !_coordinates.IsDiscrete(g) && (x[g] == 0 || x[g] == 1))).ToArray();
            _margin?.Center(v, p.Mu, Gaussian.Mean);
            Gaussian.Update(v, repaired, p);
            _margin?.Correct(Gaussian, p.Margin);
        }

        Categorical?.Update([.. samples.Take(p.Mu).Select(s => s[n..])], p.Weights.AsSpan(0, p.Mu));
        Generations++;
        StopReason = _termination.Check(values, Gaussian, Generations, MaxGenerations);
    }
}
