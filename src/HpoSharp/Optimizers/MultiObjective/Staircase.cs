namespace HpoSharp.Optimizers.MultiObjective;

/// <summary>
/// The non-dominated points of a growing set in two objectives (higher is better, reference at the origin), kept as a
/// staircase with x increasing and y decreasing, and the area it dominates. Adding a point costs a binary search plus the
/// points it removes. The building block of the 3-objective dimension sweep.
/// </summary>
internal sealed class Staircase
{
    private readonly List<double> _x = [];
    private readonly List<double> _y = [];

    /// <summary>The area dominated by the points added so far.</summary>
    public double Area { get; private set; }

    /// <summary>Adds the point (<paramref name="x"/>, <paramref name="y"/>), both positive, and returns the area it adds.</summary>
    public double Add(double x, double y)
    {
        var j = _x.BinarySearch(x); // the x values are distinct: of two points with equal x, one covers the other
        if (j < 0)
        {
            j = ~j;
        }

        if (j < _x.Count && _y[j] >= y)
        {
            return 0; // a point with x' >= x and y' >= y covers it
        }

        // The points it covers sit just left of position j (x' <= x, y' <= y), plus the one at j when x' == x.
        var end = j < _x.Count && _x[j] == x ? j + 1 : j;
        var start = end;
        while (start > 0 && _y[start - 1] <= y)
        {
            start--;
        }

        var left = start > 0 ? _x[start - 1] : 0;
        var covered = 0.0;
        var previous = left;
        for (var i = start; i < end; i++)
        {
            covered += (_x[i] - previous) * _y[i];
            previous = _x[i];
        }

        covered += (x - previous) * (end < _y.Count ? _y[end] : 0);
        var gain = ((x - left) * y) - covered;
        _x.RemoveRange(start, end - start);
        _y.RemoveRange(start, end - start);
        _x.Insert(start, x);
        _y.Insert(start, y);
        Area += gain;
        return gain;
    }
}
