using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <summary>
/// How the CMA-ES family sees a search space. Every real and integer dimension becomes a Gaussian coordinate on the unit
/// interval of its search scale (the logarithm for log ranges): a continuous one maps its position to a value directly;
/// an integer or stepped one has discrete levels at the positions of its allowed values, and a coordinate maps to the
/// level whose cell (between the midpoints of neighbouring levels) contains it. Every categorical dimension with two or
/// more choices becomes a categorical coordinate; one with a single choice is constant.
/// </summary>
internal sealed class CmaCoordinates
{
    private readonly Dimension[] _dimensions;
    private readonly int[] _gaussianDimension;
    private readonly int[] _categoricalDimension;
    private readonly double[] _levels;

    /// <summary>Lays out the coordinates of <paramref name="space"/>.</summary>
    public CmaCoordinates(SearchSpace space)
    {
        _dimensions = [.. space.Dimensions];
        var gaussian = new List<int>();
        var categorical = new List<int>();
        for (var d = 0; d < _dimensions.Length; d++)
        {
            if (_dimensions[d].Kind != DimensionKind.Categorical)
            {
                gaussian.Add(d);
            }
            else if (_dimensions[d].Count > 1)
            {
                categorical.Add(d);
            }
        }

        _gaussianDimension = [.. gaussian];
        _categoricalDimension = [.. categorical];
        _levels = [.. gaussian.Select(d => _dimensions[d].IsDiscrete ? _dimensions[d].Cardinality : 0)];
        DiscreteCount = _levels.Count(n => n > 0);
        CategoryCounts = [.. categorical.Select(d => _dimensions[d].Count)];
    }

    /// <summary>The number of Gaussian coordinates (real and integer dimensions).</summary>
    public int GaussianCount => _gaussianDimension.Length;

    /// <summary>How many of the Gaussian coordinates are discrete (integer or stepped).</summary>
    public int DiscreteCount { get; }

    /// <summary>The number of categorical coordinates (categorical dimensions with at least two choices).</summary>
    public int CategoricalCount => _categoricalDimension.Length;

    /// <summary>The number of choices of each categorical coordinate.</summary>
    public IReadOnlyList<int> CategoryCounts { get; }

    /// <summary>The length of a stored sample: the Gaussian coordinates, then the chosen index of each categorical one.</summary>
    public int SampleLength => GaussianCount + CategoricalCount;

    /// <summary>Whether Gaussian coordinate <paramref name="g"/> is discrete.</summary>
    public bool IsDiscrete(int g) => _levels[g] > 0;

    /// <summary>The number of levels of discrete coordinate <paramref name="g"/>.</summary>
    public double LevelCount(int g) => _levels[g];

    /// <summary>The position on the unit interval of level <paramref name="level"/> of discrete coordinate <paramref name="g"/>.</summary>
    public double Position(int g, double level)
    {
        var dimension = _dimensions[_gaussianDimension[g]];
        if (dimension.Log)
        {
            return (Math.Log(dimension.Low + level) - Math.Log(dimension.Low)) / (Math.Log(dimension.High) - Math.Log(dimension.Low));
        }

        return level / (_levels[g] - 1);
    }

    /// <summary>The boundary between levels <paramref name="level"/> and <paramref name="level"/> + 1: their midpoint.</summary>
    public double Threshold(int g, double level) => 0.5 * (Position(g, level) + Position(g, level + 1));

    /// <summary>The level of discrete coordinate <paramref name="g"/> whose cell contains <paramref name="x"/> (a boundary belongs to the lower cell).</summary>
    public double Level(int g, double x)
    {
        var top = _levels[g] - 1;
        var dimension = _dimensions[_gaussianDimension[g]];
        var guess = dimension.Log
            ? Math.Round(Math.Exp(Math.Log(dimension.Low) + (Math.Clamp(x, 0, 1) * (Math.Log(dimension.High) - Math.Log(dimension.Low)))) - dimension.Low)
            : Math.Round(Math.Clamp(x, 0, 1) * top);
        var level = Math.Clamp(guess, 0, top);
        while (level > 0 && x <= Threshold(g, level - 1))
        {
            level--;
        }

        while (level < top && x > Threshold(g, level))
        {
            level++;
        }

        return level;
    }

    /// <summary>The position of the level whose cell contains <paramref name="x"/>.</summary>
    public double Discretize(int g, double x) => Position(g, Level(g, x));

    /// <summary>The Gaussian coordinates of an encoded configuration (see <see cref="Encode"/>), inactive ones at the centre 0.5.</summary>
    public double[] GaussianPoint(ReadOnlySpan<double> encoded) => Encode(encoded, [.. Enumerable.Repeat(0.5, SampleLength)])[..GaussianCount];

    /// <summary>
    /// The sample of an encoded configuration that this strategy did not suggest (enqueued, added, or from another
    /// optimizer), the inverse of <see cref="Decode"/> on what it produces: continuous values to their position in the
    /// search scale, discrete ones to the position of their level, categorical ones to their index. An inactive dimension
    /// (NaN) takes <paramref name="fallback"/>'s value of its coordinate.
    /// </summary>
    public double[] Encode(ReadOnlySpan<double> encoded, ReadOnlySpan<double> fallback)
    {
        var sample = fallback.ToArray();
        for (var g = 0; g < _gaussianDimension.Length; g++)
        {
            var dimension = _dimensions[_gaussianDimension[g]];
            var value = encoded[_gaussianDimension[g]];
            if (!double.IsNaN(value))
            {
                sample[g] = IsDiscrete(g) ? Position(g, dimension.LevelIndex(value)) : dimension.ToUnit(value);
            }
        }

        for (var c = 0; c < _categoricalDimension.Length; c++)
        {
            var value = encoded[_categoricalDimension[c]];
            if (!double.IsNaN(value))
            {
                sample[GaussianCount + c] = value;
            }
        }

        return sample;
    }

    /// <summary>
    /// The encoded configuration of a sample: continuous coordinates (already within [0, 1]) mapped through their scale,
    /// discrete ones to the value of their level, categorical ones to their chosen index, single-choice ones to 0.
    /// Inactive dimensions get values too; the study marks them inactive.
    /// </summary>
    public double[] Decode(ReadOnlySpan<double> sample)
    {
        var encoded = new double[_dimensions.Length];
        for (var g = 0; g < _gaussianDimension.Length; g++)
        {
            var dimension = _dimensions[_gaussianDimension[g]];
            encoded[_gaussianDimension[g]] = IsDiscrete(g)
                ? dimension.LevelValue(Level(g, sample[g]))
                : dimension.FromUnit(Math.Clamp(sample[g], 0, 1));
        }

        for (var c = 0; c < _categoricalDimension.Length; c++)
        {
            encoded[_categoricalDimension[c]] = sample[GaussianCount + c];
        }

        return encoded;
    }
}
