using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <summary>
/// The model coordinates of a search space. A numeric dimension maps to the unit interval by
/// <see cref="Dimension.ToUnit"/> (linear, or logarithmic for log ranges); an integer or stepped one to the centres of its
/// equal cells, so the model sees only allowed values; a categorical one keeps the index of its choice (the kernel compares
/// choices, never their order); an inactive one is NaN. Candidate points are kept as <em>latent</em> vectors with a value in
/// every coordinate; <see cref="Mask"/> turns the coordinates whose conditions do not hold into NaN, so that switching a
/// parent choice back restores its children's values.
/// </summary>
internal sealed class ModelSpace
{
    /// <summary>Integer and stepped dimensions with at most this many values are searched exhaustively.</summary>
    public const int ExhaustiveLimit = 16;

    private readonly IReadOnlyList<Dimension> _dimensions;

    /// <summary>Describes the model coordinates of <paramref name="space"/>.</summary>
    public ModelSpace(SearchSpace space)
    {
        Space = space;
        _dimensions = space.Dimensions;
        Categorical = [.. _dimensions.Select(d => d.Kind == DimensionKind.Categorical)];
        Continuous = [.. Enumerable.Range(0, _dimensions.Count).Where(d => !_dimensions[d].IsDiscrete)];
        Discrete = [.. Enumerable.Range(0, _dimensions.Count).Where(d => _dimensions[d].IsDiscrete && _dimensions[d].Cardinality > 1)];
    }

    /// <summary>The search space.</summary>
    public SearchSpace Space { get; }

    /// <summary>The number of coordinates.</summary>
    public int Dimensions => _dimensions.Count;

    /// <summary>For each coordinate, whether it is categorical.</summary>
    public bool[] Categorical { get; }

    /// <summary>The continuous coordinates, refined by gradient steps.</summary>
    public int[] Continuous { get; }

    /// <summary>The integer, stepped and categorical coordinates with more than one value, refined by discrete search.</summary>
    public int[] Discrete { get; }

    /// <summary>The number of allowed values of discrete coordinate <paramref name="d"/>.</summary>
    public long Cardinality(int d) => (long)Math.Min(_dimensions[d].Cardinality, long.MaxValue);

    /// <summary>Writes the model coordinates of an encoded configuration into <paramref name="x"/> (NaN where inactive).</summary>
    public void ToModel(ReadOnlySpan<double> encoded, Span<double> x)
    {
        for (var d = 0; d < x.Length; d++)
        {
            var value = encoded[d];
            x[d] = double.IsNaN(value) || Categorical[d] ? value : _dimensions[d].ToUnit(value);
        }
    }

    /// <summary>The encoded configuration at model point <paramref name="x"/>: allowed values, NaN where inactive.</summary>
    public double[] FromModel(ReadOnlySpan<double> x)
    {
        var encoded = new double[x.Length];
        for (var d = 0; d < x.Length; d++)
        {
            encoded[d] = double.IsNaN(x[d]) ? double.NaN : Categorical[d] ? Math.Round(x[d]) : _dimensions[d].FromUnit(x[d]);
        }

        return encoded;
    }

    /// <summary>The latent point of a point <paramref name="u"/> of the unit cube: every coordinate mapped to an allowed value.</summary>
    public void FromCube(ReadOnlySpan<double> u, Span<double> latent)
    {
        for (var d = 0; d < latent.Length; d++)
        {
            latent[d] = Snap(d, u[d]);
        }
    }

    /// <summary>The model coordinate of the allowed value of <paramref name="d"/> nearest to <paramref name="u"/> (a continuous one is clamped to [0, 1]).</summary>
    public double Snap(int d, double u)
    {
        var dimension = _dimensions[d];
        if (Categorical[d])
        {
            return dimension.FromUnit(u);
        }

        return dimension.IsDiscrete ? dimension.ToUnit(dimension.FromUnit(u)) : Math.Clamp(u, 0, 1);
    }

    /// <summary>The model coordinate of the <paramref name="index"/>-th allowed value of discrete coordinate <paramref name="d"/>.</summary>
    public double ValueAt(int d, long index) =>
        Categorical[d] ? index : _dimensions[d].ToUnit(_dimensions[d].LevelValue(index));

    /// <summary>The index of the allowed value of discrete coordinate <paramref name="d"/> at model coordinate <paramref name="x"/>.</summary>
    public long IndexOf(int d, double x) =>
        Categorical[d] ? (long)Math.Round(x) : (long)_dimensions[d].LevelIndex(_dimensions[d].FromUnit(x));

    /// <summary>Writes <paramref name="latent"/> into <paramref name="x"/> with NaN in the coordinates whose conditions do not hold.</summary>
    public void Mask(ReadOnlySpan<double> latent, Span<double> x)
    {
        for (var d = 0; d < x.Length; d++)
        {
            x[d] = Space.IsActive(d, x) ? latent[d] : double.NaN;
        }
    }
}
