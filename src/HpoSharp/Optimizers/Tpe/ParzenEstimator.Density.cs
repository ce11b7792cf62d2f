using System.Numerics;
using System.Runtime.CompilerServices;
using HpoSharp.Numerics;

namespace HpoSharp.Optimizers;

/// <content>Drawing candidates from the fitted mixture and evaluating its log density.</content>
internal sealed partial class ParzenEstimator
{
    /// <summary>
    /// Draws <paramref name="count"/> points, row by row into <paramref name="destination"/> (count × dimensions): a kernel
    /// by weight, then each dimension from it. Values are allowed values in user units, or choice indices.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
                var at = (d * _kernels) + kernel;
                if (dimension.Kind == KernelKind.Categorical)
                {
                    destination[(i * dims) + d] = PickChoice(d, kernel == _kernels - 1 ? -1 : (int)_mu[at], u);
                    continue;
                }

                var mu = _mu[at];
                var sigma = _sigma[at];
                var z = mu + (sigma * TruncatedNormal.Sample((dimension.Low - mu) / sigma, (dimension.High - mu) / sigma, u));
                destination[(i * dims) + d] = dimension.FromKernel(z);
            }
        }
    }

    /// <summary>The log density (log mass on discrete and categorical dimensions) of each of <paramref name="count"/> points, row by row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void LogPdf(ReadOnlySpan<double> points, int count, Span<double> result)
    {
        var dims = _dimensions.Length;
        var terms = _terms.AsSpan(0, _kernels);
        var bounds = _bounds.AsSpan(0, _kernels);
        for (var i = 0; i < count; i++)
        {
            var point = points.Slice(i * dims, dims);
            _base.AsSpan(0, _kernels).CopyTo(terms);
            foreach (var d in _continuous)
            {
                AddContinuous(d, _dimensions[d].ToKernel(point[d]), terms);
            }

            foreach (var d in _categorical)
            {
                AddCategorical(d, point[d], terms);
            }

            if (_discrete.Count > 0)
            {
                AddDiscrete(point, terms, bounds);
            }

            result[i] = LogSumExp(terms);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double LogSumExp(ReadOnlySpan<double> terms)
    {
        var max = double.NegativeInfinity;
        var k = 0;
        if (Vector.IsHardwareAccelerated && terms.Length >= 2 * Vector<double>.Count)
        {
            var maxima = new Vector<double>(double.NegativeInfinity);
            for (; k <= terms.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                maxima = Vector.Max(maxima, new Vector<double>(terms[k..]));
            }

            for (var lane = 0; lane < Vector<double>.Count; lane++)
            {
                max = Math.Max(max, maxima[lane]);
            }
        }

        for (; k < terms.Length; k++)
        {
            max = Math.Max(max, terms[k]);
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

    /// <summary>
    /// The choice at quantile <paramref name="u"/> of a categorical kernel: its trial's <paramref name="own"/> choice with
    /// the kernel's own probability, else one of the others uniformly; the prior kernel (own −1) is uniform.
    /// </summary>
    private int PickChoice(int d, int own, double u)
    {
        var count = _dimensions[d].Count;
        if (own < 0)
        {
            return Math.Min((int)(u * count), count - 1);
        }

        if (u < _own[d] || count == 1)
        {
            return own;
        }

        var other = Math.Min((int)((u - _own[d]) / (1 - _own[d]) * (count - 1)), count - 2);
        return other < own ? other : other + 1;
    }

    private int PickKernel(double u)
    {
        var index = Array.BinarySearch(_cumulativeWeights, 0, _kernels, u);
        index = index >= 0 ? index + 1 : ~index;
        return Math.Min(index, _kernels - 1);
    }

    /// <summary>Adds each kernel's log density at <paramref name="z"/> on continuous dimension <paramref name="d"/> (its constant part is in the base).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddContinuous(int d, double z, Span<double> terms)
    {
        var mu = _mu.AsSpan(d * _kernels, _kernels);
        var inv = _invSigma.AsSpan(d * _kernels, _kernels);
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var point = new Vector<double>(z);
            var half = new Vector<double>(0.5);
            for (; k <= terms.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var t = (point - new Vector<double>(mu[k..])) * new Vector<double>(inv[k..]);
                (new Vector<double>(terms[k..]) - (half * t * t)).CopyTo(terms[k..]);
            }
        }

        for (; k < terms.Length; k++)
        {
            var t = (z - mu[k]) * inv[k];
            terms[k] -= 0.5 * t * t;
        }
    }

    /// <summary>Adds each kernel's log probability of choice <paramref name="choice"/> on categorical dimension <paramref name="d"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddCategorical(int d, double choice, Span<double> terms)
    {
        var kernelChoices = _mu.AsSpan(d * _kernels, _kernels - 1);
        var (own, other) = (Math.Log(_own[d]), Math.Log(_other[d]));
        for (var k = 0; k < kernelChoices.Length; k++)
        {
            terms[k] += kernelChoices[k] == choice ? own : other;
        }

        terms[_kernels - 1] -= Math.Log(_dimensions[d].Count);
    }

    /// <summary>
    /// Adds each kernel's log mass on the cells of the point's discrete values. The exact mass takes two error functions,
    /// so kernels whose cheap upper bound (cell width times the largest density on the cell) falls
    /// <see cref="NegligibleLog"/> below the exact value of the most promising kernel are dropped: they cannot matter.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddDiscrete(ReadOnlySpan<double> point, Span<double> terms, Span<double> bounds)
    {
        var cells = _discrete.Count <= 512 ? stackalloc double[2 * _discrete.Count] : new double[2 * _discrete.Count];
        terms.CopyTo(bounds);
        for (var j = 0; j < _discrete.Count; j++)
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double ExactDiscrete(ReadOnlySpan<double> cells, int kernel)
    {
        var sum = 0.0;
        for (var j = 0; j < _discrete.Count; j++)
        {
            var at = (_discrete[j] * _kernels) + kernel;
            sum += StandardNormal.LogMass((cells[2 * j] - _mu[at]) * _invSigma[at], (cells[(2 * j) + 1] - _mu[at]) * _invSigma[at]);
        }

        return sum;
    }
}
