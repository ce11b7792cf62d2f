using System.Runtime.CompilerServices;
using HpoSharp.Numerics;

namespace HpoSharp.Optimizers;

/// <summary>
/// A Parzen estimator over a group of dimensions: a weighted mixture with one product kernel per observation plus a
/// prior kernel. On a continuous dimension a kernel is a normal density truncated to the bounds; on a discrete one it
/// gives each allowed value the truncated normal's mass on the value's cell; on a categorical one it is a probability
/// table. The estimator samples candidates and evaluates log densities, which integrate (or sum) to 1 over the space.
/// </summary>
internal sealed partial class ParzenEstimator
{
    /// <summary>Mixture terms this far (in nats) below the largest are skipped: each is below e^-40 of it.</summary>
    private const double NegligibleLog = 40;

    private readonly List<int> _continuous = [];
    private readonly List<int> _discrete = [];
    private readonly List<int> _categorical = [];
    private KernelDimension[] _dimensions = [];
    private int _kernels;
    private double[] _cumulativeWeights = [];
    private double[] _base = [];
    private double[] _mu = [];
    private double[] _sigma = [];
    private double[] _invSigma = [];
    private double[] _own = [];
    private double[] _other = [];
    private double[] _terms = [];
    private double[] _bounds = [];
    private double[] _sorted = [];
    private double[] _widths = [];

    /// <summary>
    /// Fits the estimator to <paramref name="observations"/> over <paramref name="dimensions"/> with the kernels
    /// <paramref name="options"/> describe, reusing the arrays of the previous fit; <paramref name="memo"/>, if given,
    /// keeps the truncation masses of the observations' trials from one fit to the next.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fit(KernelDimension[] dimensions, ParzenObservations observations, TpeOptions options, TruncationMemo? memo = null)
    {
        _dimensions = dimensions;
        var n = observations.Count;
        var k = _kernels = n + 1;
        var dims = dimensions.Length;
        _continuous.Clear();
        _discrete.Clear();
        _categorical.Clear();
        for (var d = 0; d < dims; d++)
        {
            (dimensions[d].Kind switch { KernelKind.Continuous => _continuous, KernelKind.Discrete => _discrete, _ => _categorical }).Add(d);
        }

        ParzenObservations.Grow(ref _base, k);
        ParzenObservations.Grow(ref _cumulativeWeights, k);
        ParzenObservations.Grow(ref _terms, k);
        ParzenObservations.Grow(ref _bounds, k);
        ParzenObservations.Grow(ref _mu, dims * k);
        ParzenObservations.Grow(ref _sigma, dims * k);
        ParzenObservations.Grow(ref _invSigma, dims * k);
        ParzenObservations.Grow(ref _own, dims);
        ParzenObservations.Grow(ref _other, dims);

        var total = observations.PriorWeight;
        foreach (var w in observations.Weights)
        {
            total += w;
        }

        var running = 0.0;
        for (var i = 0; i < k; i++)
        {
            var w = (i < n ? observations.Weights[i] : observations.PriorWeight) / total;
            _base[i] = Math.Log(w);
            running += w;
            _cumulativeWeights[i] = running;
        }

        for (var d = 0; d < dims; d++)
        {
            if (dimensions[d].Kind == KernelKind.Categorical)
            {
                BuildCategorical(d, observations, options);
            }
            else
            {
                BuildNumeric(d, observations, options, memo);
            }
        }

        SubtractLogBandwidths();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildNumeric(int d, ParzenObservations observations, TpeOptions options, TruncationMemo? memo)
    {
        var dimension = _dimensions[d];
        var n = observations.Count;
        var range = dimension.Range;
        var mu = _mu.AsSpan(d * _kernels, _kernels);
        var sigma = _sigma.AsSpan(d * _kernels, _kernels);
        var values = observations.Values.Slice(d * n, n);
        for (var i = 0; i < n; i++)
        {
            mu[i] = dimension.ToKernel(values[i]);
        }

        if (n > 0)
        {
            var order = observations.HasOrder ? observations.Order.Slice(d * n, n) : SortedOrder(mu[..n]);
            ParzenObservations.Grow(ref _sorted, n);
            ParzenObservations.Grow(ref _widths, n);
            var sorted = _sorted.AsSpan(0, n);
            for (var r = 0; r < n; r++)
            {
                sorted[r] = mu[order[r]];
            }

            var widths = _widths.AsSpan(0, n);
            switch (options.Bandwidth)
            {
                case TpeBandwidth.Neighbours:
                    KernelBandwidth.Neighbours(sorted, dimension.Low, dimension.High, options.ConsiderEndpoints, widths);
                    break;
                case TpeBandwidth.Scott:
                    widths.Fill(KernelBandwidth.Scott(sorted, _dimensions.Length));
                    break;
                default:
                    widths.Fill(KernelBandwidth.RangeScaled(n, _dimensions.Length, range));
                    break;
            }

            var exponent = options.ClipExponent(_dimensions.Length);
            var min = KernelBandwidth.Minimum(range, _kernels, options.MinBandwidthFactor, exponent);
            var cellFloor = dimension.Kind == KernelKind.Discrete ? options.DiscreteMinBandwidth : 0;
            for (var r = 0; r < n; r++)
            {
                var i = order[r];
                var floor = min;
                if (cellFloor > 0)
                {
                    var (left, right) = dimension.Cell(values[i]);
                    floor = Math.Max(floor, cellFloor * (right - left));
                }

                sigma[i] = Math.Clamp(widths[r], Math.Min(floor, range), range);
            }
        }

        mu[n] = (0.5 * dimension.Low) + (0.5 * dimension.High);
        sigma[n] = range;
        var inv = _invSigma.AsSpan(d * _kernels, _kernels);
        var constant = dimension.Kind == KernelKind.Continuous ? StandardNormal.LogSqrtTwoPi : 0;
        var (low, high) = (dimension.Low, dimension.High);
        var numbers = observations.Numbers;
        for (var k = 0; k < _kernels; k++)
        {
            inv[k] = 1 / sigma[k];
            var (a, b) = ((low - mu[k]) * inv[k], (high - mu[k]) * inv[k]);
            var logMass = a < -StandardNormal.NegligibleTail && b > StandardNormal.NegligibleTail ? 0
                : memo is not null && k < n && numbers[k] >= 0 ? memo.LogMass(dimension.Index, numbers[k], sigma[k], a, b)
                : StandardNormal.LogMass(a, b);
            _base[k] -= constant + logMass;
        }
    }

    /// <summary>
    /// Subtracts from each kernel's base the sum over continuous dimensions of log σ: one logarithm of a product of up to
    /// eight bandwidths instead of eight logarithms (a product that would leave the normal range takes the logarithms).
    /// The products are kept in the scratch of <see cref="LogPdf"/>, unused while fitting.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SubtractLogBandwidths()
    {
        var product = _terms.AsSpan(0, _kernels);
        for (var start = 0; start < _continuous.Count; start += 8)
        {
            product.Fill(1.0);
            var end = Math.Min(start + 8, _continuous.Count);
            for (var j = start; j < end; j++)
            {
                var sigma = _sigma.AsSpan(_continuous[j] * _kernels, _kernels);
                for (var k = 0; k < _kernels; k++)
                {
                    product[k] *= sigma[k];
                }
            }

            for (var k = 0; k < _kernels; k++)
            {
                if (product[k] is > 1e-290 and < 1e290)
                {
                    _base[k] -= Math.Log(product[k]);
                    continue;
                }

                for (var j = start; j < end; j++)
                {
                    _base[k] -= Math.Log(_sigma[(_continuous[j] * _kernels) + k]);
                }
            }
        }
    }

    /// <summary>
    /// A categorical kernel gives its trial's choice probability own and every other choice probability other: with
    /// <see cref="TpeOptions.CategoricalSmoothing"/> b, own = 1 − b and other = b / (choices − 1) (Aitchison–Aitken), both
    /// 1 / choices (uniform) once b reaches (choices − 1) / choices; else Optuna's rule, weight 1 plus ε = prior weight /
    /// kernels on the trial's choice and ε on every choice, normalised. The prior kernel is uniform.
    /// </summary>
    private void BuildCategorical(int d, ParzenObservations observations, TpeOptions options)
    {
        var n = observations.Count;
        var choices = _dimensions[d].Count;
        var epsilon = options.PriorWeight / _kernels;
        (_own[d], _other[d]) = choices == 1 ? (1.0, 1.0)
            : options.CategoricalSmoothing is { } b ? (Math.Max(1 - b, 1.0 / choices), Math.Min(b / (choices - 1), 1.0 / choices))
            : ((1 + epsilon) / (1 + (choices * epsilon)), epsilon / (1 + (choices * epsilon)));
        observations.Values.Slice(d * n, n).CopyTo(_mu.AsSpan(d * _kernels, n));
    }

    private static int[] SortedOrder(ReadOnlySpan<double> values)
    {
        var keys = values.ToArray();
        var order = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(keys, order);
        return order;
    }
}
