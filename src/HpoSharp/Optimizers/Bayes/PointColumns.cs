using System.Numerics;
using System.Runtime.InteropServices;

namespace HpoSharp.Optimizers;

/// <summary>
/// Points in model coordinates stored coordinate by coordinate, so that the squared distances of
/// <see cref="MaternKernel"/> between one point and all of them are computed with vector instructions. An inactive (NaN)
/// numeric coordinate is stored as 0.5 with an activity of 0; an inactive categorical one as the extra choice -1.
/// </summary>
internal sealed class PointColumns
{
    private readonly bool[] _categorical;
    private readonly double[][] _values;
    private readonly double[]?[] _activity;

    /// <summary>Lays out the <paramref name="count"/> points of <paramref name="points"/> (count×p row-major).</summary>
    public PointColumns(bool[] categorical, ReadOnlySpan<double> points, int count)
    {
        var p = categorical.Length;
        _categorical = categorical;
        _values = new double[p][];
        _activity = new double[p][];
        Count = count;
        for (var d = 0; d < p; d++)
        {
            var values = new double[count];
            double[]? activity = null;
            for (var i = 0; i < count; i++)
            {
                var value = points[(i * p) + d];
                if (double.IsNaN(value))
                {
                    value = categorical[d] ? -1 : 0.5;
                    if (!categorical[d])
                    {
                        activity ??= Ones(count);
                        activity[i] = 0;
                    }
                }

                values[i] = value;
            }

            _values[d] = values;
            _activity[d] = activity;
        }
    }

    /// <summary>The number of points.</summary>
    public int Count { get; }

    /// <summary>
    /// Writes <c>r² = Σ_d θ_d δ_d(x, point_i)</c> for the first <paramref name="r2"/>.Length points.
    /// </summary>
    public void ScaledDistances(ReadOnlySpan<double> x, ReadOnlySpan<double> theta, Span<double> r2)
    {
        r2.Clear();
        var delta = r2.Length <= 1024 ? stackalloc double[r2.Length] : new double[r2.Length];
        for (var d = 0; d < theta.Length; d++)
        {
            DimensionDistances(d, x[d], delta);
            VectorMath.Axpy(theta[d], delta, r2);
        }
    }

    /// <summary>Writes <c>δ_d(x_d, point_i)</c> of coordinate <paramref name="d"/> for the first <paramref name="delta"/>.Length points.</summary>
    public void DimensionDistances(int d, double xd, Span<double> delta)
    {
        var n = delta.Length;
        var values = _values[d].AsSpan(0, n);
        var inactive = double.IsNaN(xd);
        var i = 0;
        if (_categorical[d])
        {
            var choice = inactive ? -1 : xd;
            if (Vector.IsHardwareAccelerated)
            {
                var vc = new Vector<double>(choice);
                var source = MemoryMarshal.Cast<double, Vector<double>>(values);
                var target = MemoryMarshal.Cast<double, Vector<double>>(delta);
                for (var k = 0; k < source.Length; k++)
                {
                    target[k] = Vector.ConditionalSelect(Vector.Equals(source[k], vc), Vector<double>.Zero, Vector<double>.One);
                }

                i = source.Length * Vector<double>.Count;
            }

            for (; i < n; i++)
            {
                delta[i] = values[i] == choice ? 0 : 1;
            }

            return;
        }

        var xv = inactive ? 0.5 : xd;
        var xa = inactive ? 0.0 : 1.0;
        var activity = _activity[d];
        if (Vector.IsHardwareAccelerated)
        {
            var vx = new Vector<double>(xv);
            var source = MemoryMarshal.Cast<double, Vector<double>>(values);
            var target = MemoryMarshal.Cast<double, Vector<double>>(delta);
            for (var k = 0; k < source.Length; k++)
            {
                var diff = vx - source[k];
                target[k] = diff * diff;
            }

            i = source.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            var diff = xv - values[i];
            delta[i] = diff * diff;
        }

        if (activity is null)
        {
            if (inactive)
            {
                for (var k = 0; k < n; k++)
                {
                    delta[k] += 1;
                }
            }

            return;
        }

        for (var k = 0; k < n; k++)
        {
            var gap = xa - activity[k];
            delta[k] += gap * gap;
        }
    }

    /// <summary>The stored value of coordinate <paramref name="d"/> of point <paramref name="i"/> (0.5 or -1 when inactive).</summary>
    public double Value(int d, int i) => _values[d][i];

    /// <summary>Coordinate <paramref name="d"/> of every point (0.5 or -1 where inactive).</summary>
    public ReadOnlySpan<double> Column(int d) => _values[d];

    private static double[] Ones(int count)
    {
        var ones = new double[count];
        Array.Fill(ones, 1.0);
        return ones;
    }
}
