using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <summary>
/// The valid configurations of a discretised search space, numbered 0 to <see cref="Count"/> - 1 without listing them.
/// Each assignment of the categorical parents that conditions depend on forms a block; within a block the active
/// dimensions vary like the digits of a mixed-radix number, and inactive ones are NaN.
/// </summary>
public sealed class GridPoints
{
    /// <summary>The most blocks (assignments of the choices that conditions depend on) a grid lists.</summary>
    public const int MaxBlocks = 1 << 16;

    private readonly SearchSpace _space;
    private readonly double[][] _values;
    private readonly List<(double[] Prefix, int[] Free, long Start)> _blocks = [];

    /// <summary>
    /// Discretises <paramref name="space"/> with <paramref name="pointsPerDimension"/> points (1 to
    /// <see cref="GridOptions.MaxPointsPerDimension"/>) on each real or large integer dimension.
    /// </summary>
    public GridPoints(SearchSpace space, int pointsPerDimension)
    {
        _space = space ?? throw new ArgumentNullException(nameof(space));
        GridOptions.RequirePoints(nameof(GridPoints), nameof(pointsPerDimension), pointsPerDimension);
        _values = [.. space.Dimensions.Select(d => ValuesOf(d, pointsPerDimension))];
        var controlling = new bool[space.Dimensions.Count];
        for (var d = 0; d < controlling.Length; d++)
        {
            foreach (var condition in space.ConditionsOf(d))
            {
                controlling[condition.Parent] = true;
            }
        }

        try
        {
            EnumerateBlocks(new double[controlling.Length], 0, controlling);
        }
        catch (OverflowException e)
        {
            throw new ArgumentException($"The grid of this search space ({space.Dimensions.Count} dimensions, {pointsPerDimension} points on each real one) has more than {long.MaxValue} points; use fewer points per dimension or another algorithm.", nameof(space), e);
        }
    }

    /// <summary>The number of valid configurations.</summary>
    public long Count { get; private set; }

    /// <summary>The values a dimension takes on the grid.</summary>
    public IReadOnlyList<double> ValuesOfDimension(int dimension) => _values[dimension];

    /// <summary>The configuration numbered <paramref name="index"/>.</summary>
    public double[] this[long index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var lo = 0;
            var hi = _blocks.Count - 1;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) / 2;
                if (_blocks[mid].Start <= index)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            var (prefix, free, start) = _blocks[lo];
            var x = (double[])prefix.Clone();
            var rest = index - start;
            foreach (var d in free)
            {
                x[d] = _values[d][(int)(rest % _values[d].Length)];
                rest /= _values[d].Length;
            }

            return x;
        }
    }

    /// <summary>
    /// The grid values of one dimension: every choice; every value of a discrete dimension with at most
    /// <paramref name="points"/> of them; otherwise <paramref name="points"/> values evenly spaced on its search scale
    /// (log-spaced on log ranges), both bounds included. <paramref name="points"/> is from 1 to <see cref="GridOptions.MaxPointsPerDimension"/>.
    /// </summary>
    public static double[] ValuesOf(Dimension dimension, int points)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(points, GridOptions.MaxPointsPerDimension);
        if (dimension.Kind == DimensionKind.Categorical || (dimension.IsDiscrete && dimension.Cardinality <= points))
        {
            return [.. Enumerable.Range(0, (int)dimension.Cardinality).Select(i => dimension.LevelValue(i))];
        }

        var width = dimension.WarpedHigh - dimension.WarpedLow;
        if (points == 1)
        {
            return [Typed(dimension, (dimension.WarpedLow + dimension.WarpedHigh) / 2, width)];
        }

        return [.. Enumerable.Range(0, points)
            .Select(i => Typed(dimension, dimension.WarpedLow + (i * width / (points - 1)), width / (points - 1)))
            .Distinct()];
    }

    /// <summary>
    /// The allowed value at <paramref name="warped"/> on the search scale, rounded to 15 significant digits (the number a
    /// user would type) unless that would move it by more than a billionth of the step of a discrete dimension, or of
    /// <paramref name="spacing"/> on the search scale of a continuous one, as it would far from zero.
    /// </summary>
    private static double Typed(Dimension dimension, double warped, double spacing)
    {
        var value = dimension.Unwarp(warped);
        var typed = Dimension.RoundTo15Digits(value);
        var close = dimension.IsDiscrete ? Math.Abs(typed - value) <= 1e-9 * dimension.Step : Math.Abs(dimension.Warp(typed) - warped) <= 1e-9 * spacing;
        return dimension.Snap(close ? typed : value);
    }

    private void EnumerateBlocks(double[] prefix, int dimension, bool[] controlling)
    {
        for (; dimension < prefix.Length; dimension++)
        {
            if (!_space.IsActive(dimension, prefix))
            {
                prefix[dimension] = double.NaN;
            }
            else if (controlling[dimension])
            {
                foreach (var value in _values[dimension])
                {
                    var next = (double[])prefix.Clone();
                    next[dimension] = value;
                    EnumerateBlocks(next, dimension + 1, controlling);
                }

                return;
            }
        }

        var free = Enumerable.Range(0, prefix.Length).Where(d => !controlling[d] && !double.IsNaN(prefix[d]) && _space.IsActive(d, prefix)).ToArray();
        foreach (var d in free)
        {
            prefix[d] = 0;
        }

        var size = free.Aggregate(1L, (n, d) => checked(n * _values[d].Length));
        if (_blocks.Count == MaxBlocks)
        {
            throw new ArgumentException($"The grid of this search space has more than {MaxBlocks} branches (assignments of the choices that conditions depend on), which it would have to list; use fewer conditional parameters or another algorithm.", "space");
        }

        _blocks.Add((prefix, free, Count));
        Count = checked(Count + size);
    }
}
