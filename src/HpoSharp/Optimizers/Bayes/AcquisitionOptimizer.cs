namespace HpoSharp.Optimizers;

/// <summary>
/// Maximises the acquisition function over the search space in two stages. First, many cheap candidates: a scrambled
/// Sobol sample of the whole space plus perturbations of the best observed points (at a few scales relative to the
/// length scales), evaluated in batches. Then local searches from the best candidate, the best perturbation of each of
/// the best observed points and candidates drawn in proportion to their exponentiated acquisition value: bounded
/// quasi-Newton steps on the active continuous coordinates (scaled by their length scales so the problem is well
/// conditioned) alternating with a discrete search of each integer, stepped and categorical coordinate (every choice of a
/// categorical one; every value of the others when there are at most <see cref="ModelSpace.ExhaustiveLimit"/>, else steps
/// of 1, 2, 4, … values either way), until the discrete coordinates stay put.
/// </summary>
internal sealed class AcquisitionOptimizer
{
    private const int MaxRounds = 20;
    private static readonly double[] PerturbationScales = [0.02, 0.1, 0.3];
    private readonly ModelSpace _space;
    private readonly LogExpectedImprovement _acquisition;
    private readonly double[] _lengthScales;
    private readonly int[] _choices;

    /// <summary>Creates the optimiser of <paramref name="acquisition"/> over <paramref name="space"/>.</summary>
    public AcquisitionOptimizer(ModelSpace space, LogExpectedImprovement acquisition)
    {
        _space = space;
        _acquisition = acquisition;
        _lengthScales = [.. acquisition.Process.Kernel.Parameters.InverseSquaredLengthScales.Select(t => 1 / Math.Sqrt(t))];
        _choices = [.. space.Discrete.Where(d => space.Categorical[d])];
    }

    /// <summary>The number of Sobol candidates (default 2048).</summary>
    public int Candidates { get; init; } = 2048;

    /// <summary>The number of perturbations of each of the best observed points (default 64).</summary>
    public int PerturbationsPerPoint { get; init; } = 64;

    /// <summary>The number of local searches (default 10).</summary>
    public int LocalSearches { get; init; } = 10;

    /// <summary>
    /// The latent point with the highest acquisition value found, starting from the latent points <paramref name="incumbents"/>
    /// (the best observed configurations, best first), drawing from <paramref name="rng"/>.
    /// </summary>
    public (double[] Latent, double Value) Maximize(IReadOnlyList<double[]> incumbents, RandomStream rng)
    {
        var p = _space.Dimensions;
        var candidates = new List<double[]>(Candidates + (incumbents.Count * PerturbationsPerPoint));
        var sobol = new SobolSequence(p, rng);
        var u = new double[p];
        for (var i = 0; i < Candidates; i++)
        {
            sobol.Point(i, u);
            var latent = new double[p];
            _space.FromCube(u, latent);
            candidates.Add(latent);
        }

        foreach (var incumbent in incumbents)
        {
            for (var i = 0; i < PerturbationsPerPoint; i++)
            {
                candidates.Add(Perturb(incumbent, PerturbationScales[i % PerturbationScales.Length], rng));
            }
        }

        var values = Evaluate(candidates);
        var starts = ChooseStarts(candidates, values, incumbents.Count, rng);
        var best = (Latent: starts[0].Latent, starts[0].Value);
        foreach (var (latent, value) in starts)
        {
            var refined = LocalSearch(latent, value);
            if (refined.Value > best.Value || double.IsNaN(best.Value))
            {
                best = refined;
            }
        }

        return best;
    }

    /// <summary>
    /// A copy of <paramref name="latent"/> with every numeric coordinate moved by a normal step of <paramref name="scale"/>
    /// length scales (at most the unit interval's width), and, half of the time, one choice drawn anew.
    /// </summary>
    private double[] Perturb(double[] latent, double scale, RandomStream rng)
    {
        var p = latent.Length;
        var moved = (double[])latent.Clone();
        for (var d = 0; d < p; d++)
        {
            if (!_space.Categorical[d])
            {
                var sigma = scale * Math.Min(_lengthScales[d], 1);
                moved[d] = _space.Snap(d, latent[d] + (sigma * rng.NextGaussian()));
            }
        }

        if (_choices.Length > 0 && rng.NextDouble() < 0.5)
        {
            var d = _choices[rng.NextInt(_choices.Length)];
            moved[d] = rng.NextInt((int)_space.Cardinality(d));
        }

        return moved;
    }

    /// <summary>The acquisition values of latent points, evaluated in one batch.</summary>
    private double[] Evaluate(IReadOnlyList<double[]> latents)
    {
        var p = _space.Dimensions;
        var xs = new double[latents.Count * p];
        for (var i = 0; i < latents.Count; i++)
        {
            _space.Mask(latents[i], xs.AsSpan(i * p, p));
        }

        var values = new double[latents.Count];
        _acquisition.Values(xs, latents.Count, values);
        return values;
    }

    /// <summary>
    /// The starts of the local searches: the best candidate, the best perturbation of each incumbent, then candidates drawn
    /// with probability proportional to exp(value - best value).
    /// </summary>
    private List<(double[] Latent, double Value)> ChooseStarts(List<double[]> candidates, double[] values, int incumbents, RandomStream rng)
    {
        var chosen = new List<int> { BestIndex(values, 0, values.Length) };
        for (var k = 0; k < incumbents && chosen.Count < LocalSearches; k++)
        {
            var best = BestIndex(values, Candidates + (k * PerturbationsPerPoint), PerturbationsPerPoint);
            if (!chosen.Contains(best))
            {
                chosen.Add(best);
            }
        }

        var weights = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            weights[i] = chosen.Contains(i) || !double.IsFinite(values[i]) ? 0 : Math.Exp(values[i] - values[chosen[0]]);
        }

        while (chosen.Count < LocalSearches && weights.Any(w => w > 0))
        {
            var i = rng.NextIndex(weights);
            chosen.Add(i);
            weights[i] = 0;
        }

        return [.. chosen.Select(i => (candidates[i], values[i]))];
    }

    /// <summary>The index of the highest value among <paramref name="count"/> values from <paramref name="start"/> (NaN counts lowest).</summary>
    private static int BestIndex(double[] values, int start, int count)
    {
        var best = start;
        for (var i = start + 1; i < start + count; i++)
        {
            if (values[i] > values[best] || double.IsNaN(values[best]))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Alternates continuous and discrete moves from <paramref name="start"/> until no discrete move improves.</summary>
    private (double[] Latent, double Value) LocalSearch(double[] start, double value)
    {
        var latent = (double[])start.Clone();
        if (!double.IsFinite(value))
        {
            value = double.NegativeInfinity;
        }

        // The continuous step runs to convergence, so it is repeated only after a discrete step has moved.
        var discreteMoved = true;
        for (var round = 0; round < MaxRounds && discreteMoved; round++)
        {
            ContinuousStep(latent, ref value);
            discreteMoved = false;
            foreach (var d in _space.Discrete)
            {
                discreteMoved |= DiscreteStep(latent, d, ref value);
            }
        }

        return (latent, value);
    }

    /// <summary>Maximises over the active continuous coordinates with the bounded quasi-Newton method.</summary>
    private void ContinuousStep(double[] latent, ref double value)
    {
        var p = _space.Dimensions;
        var x = new double[p];
        _space.Mask(latent, x);
        var dimensions = _space.Continuous.Where(d => !double.IsNaN(x[d])).ToArray();
        if (dimensions.Length == 0)
        {
            return;
        }

        // Optimise z_j = x_d / ℓ_d in [0, 1 / ℓ_d]: the acquisition varies about equally fast in every z_j.
        var scales = dimensions.Select(d => _lengthScales[d]).ToArray();
        var start = dimensions.Select((d, j) => x[d] / scales[j]).ToArray();
        var lower = new double[dimensions.Length];
        var upper = scales.Select(s => 1 / s).ToArray();
        var point = (double[])x.Clone();
        var optimizer = new BoundedLbfgs { GradientTolerance = 1e-2, MaxIterations = 200 };
        var (z, negated, _) = optimizer.Minimize(
            (zs, gradient) =>
            {
                for (var j = 0; j < dimensions.Length; j++)
                {
                    point[dimensions[j]] = zs[j] * scales[j];
                }

                var acquisition = _acquisition.ValueWithGradient(point, dimensions, gradient);
                for (var j = 0; j < dimensions.Length; j++)
                {
                    gradient[j] = -gradient[j] * scales[j];
                }

                return -acquisition;
            },
            start,
            lower,
            upper);
        if (!(-negated > value))
        {
            return;
        }

        for (var j = 0; j < dimensions.Length; j++)
        {
            latent[dimensions[j]] = Math.Clamp(z[j] * scales[j], 0, 1);
        }

        value = -negated;
    }

    /// <summary>Moves discrete coordinate <paramref name="d"/> to its best value among those tried; true when it improved.</summary>
    private bool DiscreteStep(double[] latent, int d, ref double value)
    {
        var p = _space.Dimensions;
        var masked = new double[p];
        _space.Mask(latent, masked);
        if (double.IsNaN(masked[d]))
        {
            return false;
        }

        var cardinality = _space.Cardinality(d);
        var current = _space.IndexOf(d, latent[d]);
        var indices = new List<long>();
        if (_space.Categorical[d] || cardinality <= ModelSpace.ExhaustiveLimit)
        {
            for (long i = 0; i < cardinality; i++)
            {
                if (i != current)
                {
                    indices.Add(i);
                }
            }
        }
        else
        {
            for (long step = 1; step < cardinality; step *= 2)
            {
                if (current - step >= 0)
                {
                    indices.Add(current - step);
                }

                if (current + step < cardinality)
                {
                    indices.Add(current + step);
                }
            }
        }

        var options = new List<double[]>(indices.Count);
        foreach (var index in indices)
        {
            var option = (double[])latent.Clone();
            option[d] = _space.ValueAt(d, index);
            options.Add(option);
        }

        var values = Evaluate(options);
        var best = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] > value && (best < 0 || values[i] > values[best]))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return false;
        }

        latent[d] = options[best][d];
        value = values[best];
        return true;
    }
}
