using HpoSharp.Numerics;
namespace HpoSharp.Optimizers;

/// <summary>
/// Remembers, for each trial and dimension, the log of the mass its kernel keeps inside the bounds. A trial's kernel
/// centre never changes and its bandwidth seldom does from one suggestion to the next, so most of these error-function
/// evaluations are found here again; an entry is reused only for the exact bandwidth it was computed with, so results
/// are the same as without the memo.
/// </summary>
internal sealed class TruncationMemo
{
    private readonly double[][] _bandwidths;
    private readonly double[][] _logMasses;

    /// <summary>Creates an empty memo for <paramref name="dimensions"/> dimensions.</summary>
    public TruncationMemo(int dimensions)
    {
        _bandwidths = [.. Enumerable.Range(0, dimensions).Select(_ => Array.Empty<double>())];
        _logMasses = [.. Enumerable.Range(0, dimensions).Select(_ => Array.Empty<double>())];
    }

    /// <summary>
    /// The log mass on [<paramref name="a"/>, <paramref name="b"/>] (bounds standardised by <paramref name="sigma"/>) of
    /// the kernel of trial <paramref name="number"/> on dimension <paramref name="dimension"/>.
    /// </summary>
    public double LogMass(int dimension, int number, double sigma, double a, double b)
    {
        if (_bandwidths[dimension].Length <= number)
        {
            var size = Math.Max(number + 1, 2 * _bandwidths[dimension].Length);
            var old = _bandwidths[dimension].Length;
            Array.Resize(ref _bandwidths[dimension], size);
            Array.Resize(ref _logMasses[dimension], size);
            _bandwidths[dimension].AsSpan(old).Fill(double.NaN);
        }

        if (_bandwidths[dimension][number] != sigma)
        {
            _bandwidths[dimension][number] = sigma;
            _logMasses[dimension][number] = StandardNormal.LogMass(a, b);
        }

        return _logMasses[dimension][number];
    }
}
