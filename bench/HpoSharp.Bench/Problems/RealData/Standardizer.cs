namespace HpoSharp.Bench.Problems.RealData;

/// <summary>Per-feature affine scaling fitted on training rows: to zero mean and unit variance, or to [0, 1].</summary>
public sealed class Standardizer
{
    private readonly double[] _offset;
    private readonly double[] _scale;

    /// <summary>Fits the scaling on the rows <paramref name="rows"/> of <paramref name="x"/>.</summary>
    public Standardizer(double[][] x, int[] rows, bool minMax = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(rows);
        var d = x[0].Length;
        _offset = new double[d];
        _scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            var column = rows.Select(r => x[r][j]).ToArray();
            if (minMax)
            {
                _offset[j] = column.Min();
                _scale[j] = column.Max() - column.Min();
            }
            else
            {
                _offset[j] = column.Average();
                _scale[j] = Math.Sqrt(column.Select(v => (v - _offset[j]) * (v - _offset[j])).Average());
            }

            _scale[j] = _scale[j] > 0 ? _scale[j] : 1;
        }
    }

    /// <summary>The scaled copy of the rows <paramref name="rows"/>.</summary>
    public double[][] Transform(double[][] x, int[] rows) =>
        [.. rows.Select(r => x[r].Select((v, j) => (v - _offset[j]) / _scale[j]).ToArray())];
}
