namespace HpoSharp.Optimizers;

/// <summary>
/// A Parzen estimator over a group of dimensions: a weighted mixture with one product kernel per observation plus a
/// prior kernel. On a continuous dimension a kernel is a normal density truncated to the bounds; on a discrete one it
/// gives each allowed value the truncated normal's mass on the value's cell; on a categorical one it is a probability
/// table. The estimator samples candidates and evaluates log densities, which integrate (or sum) to 1 over the space.
/// </summary>
internal sealed class ParzenEstimator
{
    /// <summary>Mixture terms this far (in nats) below the largest are skipped: each is below e^-40 of it.</summary>
    private const double NegligibleLog = 40;

    private readonly KernelDimension[] _dimensions;
    private readonly int _kernels;
    private readonly double[] _cumulativeWeights;
    private readonly double[] _base;
    private readonly double[] _mu;
    private readonly double[] _sigma;
    private readonly double[] _invSigma;
    private readonly double[][] _probabilities;
    private readonly double[][] _logProbabilitiesByChoice;
    private readonly int[] _continuous;
    private readonly int[] _discrete;
    private readonly int[] _categorical;

    /// <summary>Builds the estimator of <paramref name="observations"/> over <paramref name="dimensions"/> with the kernels <paramref name="options"/> describe.</summary>
    public ParzenEstimator(KernelDimension[] dimensions, ParzenObservations observations, TpeOptions options)
    {
        _dimensions = dimensions;
        var n = observations.Count;
        var k = _kernels = n + 1;
        var dims = dimensions.Length;
        _continuous = [.. Enumerable.Range(0, dims).Where(d => dimensions[d].Kind == KernelKind.Continuous)];
        _discrete = [.. Enumerable.Range(0, dims).Where(d => dimensions[d].Kind == KernelKind.Discrete)];
        _categorical = [.. Enumerable.Range(0, dims).Where(d => dimensions[d].Kind == KernelKind.Categorical)];

        var logWeights = new double[k];
        _cumulativeWeights = new double[k];
        var total = observations.PriorWeight;
        for (var i = 0; i < n; i++)
        {
            total += observations.Weights[i];
        }

        var running = 0.0;
        for (var i = 0; i < k; i++)
        {
            var w = (i < n ? observations.Weights[i] : observations.PriorWeight) / total;
            logWeights[i] = Math.Log(w);
            running += w;
            _cumulativeWeights[i] = running;
        }

        _base = logWeights;
        _mu = new double[dims * k];
        _sigma = new double[dims * k];
        _invSigma = new double[dims * k];
        _probabilities = new double[dims][];
        _logProbabilitiesByChoice = new double[dims][];
        for (var d = 0; d < dims; d++)
        {
            if (dimensions[d].Kind == KernelKind.Categorical)
            {
                BuildCategorical(d, observations, options);
            }
            else
            {
                BuildNumeric(d, observations, options);
            }
        }
    }

    /// <summary>The number of kernels, the prior included.</summary>
    public int Kernels => _kernels;

    /// <summary>
    /// Draws <paramref name="count"/> points, row by row into <paramref name="destination"/> (count × dimensions): a kernel
    /// by weight, then each dimension from it. Values are allowed values in user units, or choice indices.
    /// </summary>
    public void Sample(RandomStream rng, int count, Span<double> destination)
    {
        var dims = _dimensions.Length;
        for (var i = 0; i < count; i++)
        {
            var kernel = PickKernel(rng.NextDouble());
            for (var d = 0; d < dims; d++)
            {
                var dimension = _dimensions[d];
                var u = rng.NextDouble();
                if (dimension.Kind == KernelKind.Categorical)
                {
                    destination[(i * dims) + d] = PickChoice(_probabilities[d].AsSpan(kernel * dimension.Count, dimension.Count), u);
                    continue;
                }

                var at = (d * _kernels) + kernel;
                var mu = _mu[at];
                var sigma = _sigma[at];
                var z = mu + (sigma * TruncatedNormal.Sample((dimension.Low - mu) / sigma, (dimension.High - mu) / sigma, u));
                destination[(i * dims) + d] = dimension.FromKernel(z);
            }
        }
    }

    /// <summary>The log density (log mass on discrete and categorical dimensions) of each of <paramref name="count"/> points, row by row.</summary>
    public void LogPdf(ReadOnlySpan<double> points, int count, Span<double> result)
    {
        var dims = _dimensions.Length;
        var terms = new double[_kernels];
        var bounds = _discrete.Length > 0 ? new double[_kernels] : null;
        for (var i = 0; i < count; i++)
        {
            var point = points.Slice(i * dims, dims);
            _base.CopyTo(terms, 0);
            foreach (var d in _continuous)
            {
                AddContinuous(d, _dimensions[d].ToKernel(point[d]), terms);
            }

            foreach (var d in _categorical)
            {
                var row = _logProbabilitiesByChoice[d].AsSpan((int)point[d] * _kernels, _kernels);
                for (var k = 0; k < _kernels; k++)
                {
                    terms[k] += row[k];
                }
            }

            if (bounds is not null)
            {
                AddDiscrete(point, terms, bounds);
            }

            result[i] = LogSumExp(terms);
        }
    }

    private static double LogSumExp(ReadOnlySpan<double> terms)
    {
        var max = double.NegativeInfinity;
        foreach (var t in terms)
        {
            max = Math.Max(max, t);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0.0;
        var floor = max - NegligibleLog;
        foreach (var t in terms)
        {
            if (t > floor)
            {
                sum += Math.Exp(t - max);
            }
        }

        return max + Math.Log(sum);
    }

    private static int PickChoice(ReadOnlySpan<double> probabilities, double u)
    {
        for (var c = 0; c < probabilities.Length - 1; c++)
        {
            u -= probabilities[c];
            if (u < 0)
            {
                return c;
            }
        }

        return probabilities.Length - 1;
    }

    private int PickKernel(double u)
    {
        var index = Array.BinarySearch(_cumulativeWeights, u);
        index = index >= 0 ? index + 1 : ~index;
        return Math.Min(index, _kernels - 1);
    }

    /// <summary>Adds each kernel's log density at <paramref name="z"/> on continuous dimension <paramref name="d"/> (its constant part is in the base).</summary>
    private void AddContinuous(int d, double z, Span<double> terms)
    {
        var mu = _mu.AsSpan(d * _kernels, _kernels);
        var inv = _invSigma.AsSpan(d * _kernels, _kernels);
        for (var k = 0; k < terms.Length; k++)
        {
            var t = (z - mu[k]) * inv[k];
            terms[k] -= 0.5 * t * t;
        }
    }

    /// <summary>
    /// Adds each kernel's log mass on the cells of the point's discrete values. The exact mass takes two error functions,
    /// so kernels whose cheap upper bound (cell width times the largest density on the cell) falls
    /// <see cref="NegligibleLog"/> below the exact value of the most promising kernel are dropped: they cannot matter.
    /// </summary>
    private void AddDiscrete(ReadOnlySpan<double> point, Span<double> terms, Span<double> bounds)
    {
        Span<double> cells = stackalloc double[2 * _discrete.Length];
        terms.CopyTo(bounds);
        for (var j = 0; j < _discrete.Length; j++)
        {
            var d = _discrete[j];
            var (left, right) = _dimensions[d].Cell(point[d]);
            (cells[2 * j], cells[(2 * j) + 1]) = (left, right);
            var mu = _mu.AsSpan(d * _kernels, _kernels);
            var inv = _invSigma.AsSpan(d * _kernels, _kernels);
            for (var k = 0; k < terms.Length; k++)
            {
                var gap = Math.Max(0, Math.Max(left - mu[k], mu[k] - right)) * inv[k];
                bounds[k] += Math.Min(0, Math.Log((right - left) * inv[k]) - (0.5 * gap * gap) - StandardNormal.LogSqrtTwoPi);
            }
        }

        var best = 0;
        for (var k = 1; k < terms.Length; k++)
        {
            best = bounds[k] > bounds[best] ? k : best;
        }

        var threshold = terms[best] + ExactDiscrete(cells, best) - NegligibleLog;
        for (var k = 0; k < terms.Length; k++)
        {
            terms[k] = bounds[k] < threshold ? double.NegativeInfinity : terms[k] + ExactDiscrete(cells, k);
        }
    }

    /// <summary>The sum over discrete dimensions of the untruncated log mass of <paramref name="kernel"/> on the cells (left, right pairs).</summary>
    private double ExactDiscrete(ReadOnlySpan<double> cells, int kernel)
    {
        var sum = 0.0;
        for (var j = 0; j < _discrete.Length; j++)
        {
            var at = (_discrete[j] * _kernels) + kernel;
            sum += StandardNormal.LogMass((cells[2 * j] - _mu[at]) * _invSigma[at], (cells[(2 * j) + 1] - _mu[at]) * _invSigma[at]);
        }

        return sum;
    }

    private void BuildNumeric(int d, ParzenObservations observations, TpeOptions options)
    {
        var dimension = _dimensions[d];
        var n = observations.Count;
        var range = dimension.Range;
        var mu = _mu.AsSpan(d * _kernels, _kernels);
        var sigma = _sigma.AsSpan(d * _kernels, _kernels);
        for (var i = 0; i < n; i++)
        {
            mu[i] = dimension.ToKernel(observations.Values[(d * n) + i]);
        }

        if (n > 0)
        {
            var order = observations.Order is { } given ? given.AsSpan(d * n, n) : SortedOrder(mu[..n]);
            var sorted = new double[n];
            for (var r = 0; r < n; r++)
            {
                sorted[r] = mu[order[r]];
            }

            var widths = new double[n];
            switch (options.Bandwidth)
            {
                case TpeBandwidth.Neighbours:
                    KernelBandwidth.Neighbours(sorted, dimension.Low, dimension.High, options.ConsiderEndpoints, widths);
                    break;
                case TpeBandwidth.Scott:
                    Array.Fill(widths, KernelBandwidth.Scott(sorted, _dimensions.Length));
                    break;
                default:
                    Array.Fill(widths, KernelBandwidth.RangeScaled(n, _dimensions.Length, range));
                    break;
            }

            var exponent = options.ClipExponent(_dimensions.Length);
            var min = KernelBandwidth.Minimum(range, _kernels, options.MinBandwidthFactor, exponent);
            for (var r = 0; r < n; r++)
            {
                var i = order[r];
                var floor = min;
                if (dimension.Kind == KernelKind.Discrete && options.DiscreteMinBandwidth > 0)
                {
                    var (left, right) = dimension.Cell(observations.Values[(d * n) + i]);
                    floor = Math.Max(floor, options.DiscreteMinBandwidth * (right - left));
                }

                sigma[i] = Math.Clamp(widths[r], Math.Min(floor, range), range);
            }
        }

        mu[n] = 0.5 * (dimension.Low + dimension.High);
        sigma[n] = range;
        var inv = _invSigma.AsSpan(d * _kernels, _kernels);
        for (var k = 0; k < _kernels; k++)
        {
            inv[k] = 1 / sigma[k];
            var logMass = StandardNormal.LogMass((dimension.Low - mu[k]) * inv[k], (dimension.High - mu[k]) * inv[k]);
            _base[k] -= dimension.Kind == KernelKind.Continuous ? logMass + Math.Log(sigma[k]) + StandardNormal.LogSqrtTwoPi : logMass;
        }
    }

    private void BuildCategorical(int d, ParzenObservations observations, TpeOptions options)
    {
        var n = observations.Count;
        var choices = _dimensions[d].Count;
        var table = _probabilities[d] = new double[_kernels * choices];
        var (own, other) = options.CategoricalSmoothing is { } b
            ? (1 - b, b / Math.Max(choices - 1, 1))
            : (1 / (1 + (choices * options.PriorWeight / _kernels)), options.PriorWeight / _kernels / (1 + (choices * options.PriorWeight / _kernels)));
        if (options.CategoricalSmoothing is null)
        {
            own += other;
        }

        for (var i = 0; i < n; i++)
        {
            var row = table.AsSpan(i * choices, choices);
            row.Fill(other);
            row[(int)observations.Values[(d * n) + i]] = own;
        }

        table.AsSpan(n * choices, choices).Fill(1.0 / choices);
        var byChoice = _logProbabilitiesByChoice[d] = new double[choices * _kernels];
        for (var k = 0; k < _kernels; k++)
        {
            for (var c = 0; c < choices; c++)
            {
                byChoice[(c * _kernels) + k] = Math.Log(table[(k * choices) + c]);
            }
        }
    }

    private static int[] SortedOrder(ReadOnlySpan<double> values)
    {
        var keys = values.ToArray();
        var order = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(keys, order);
        return order;
    }
}
