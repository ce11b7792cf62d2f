using System.Collections.Immutable;
using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <summary>Options of <see cref="GridOptimizer"/>.</summary>
public sealed class GridOptions : OptimizerOptions
{
    /// <summary>The largest <see cref="PointsPerDimension"/>: the grid lists each dimension's values.</summary>
    public const int MaxPointsPerDimension = 1_000_000;

    /// <summary>How many values a real dimension, or a discrete one with more values, takes on the grid (default 5).</summary>
    public int PointsPerDimension { get; init; } = 5;

    /// <summary>Visit the grid in an order shuffled from the study's seed rather than in order (default true).</summary>
    public bool Shuffle { get; init; } = true;

    /// <inheritdoc/>
    public override void Validate() => RequirePoints(nameof(GridOptions), nameof(PointsPerDimension), PointsPerDimension);

    /// <summary>Throws unless <paramref name="points"/> is from 1 to <see cref="MaxPointsPerDimension"/>, naming <paramref name="owner"/>'s <paramref name="setting"/>.</summary>
    internal static void RequirePoints(string owner, string setting, int points) =>
        Require(owner, points is >= 1 and <= MaxPointsPerDimension, setting, points, $"from 1 to {MaxPointsPerDimension}");
}

/// <summary>
/// <c>grid</c>: every valid combination of the choices and of the discretised ranges (see <see cref="GridPoints"/>),
/// each suggested once; configurations already in the study (enqueued or added) are skipped. When the grid is
/// exhausted the study ends.
/// </summary>
public sealed class GridOptimizer : BaseHPOptimizer
{
    private readonly HashSet<ImmutableArray<double>> _seen = new(EncodingComparer.Instance);
    private IndexPermutation? _order;
    private int _scanned;
    private long _position;

    /// <summary>Creates the optimizer.</summary>
    public GridOptimizer(SearchSpace space, GridOptions? options = null)
        : base(space)
    {
        Options = options ?? new();
        Options.Validate();
        Points = new GridPoints(space, Options.PointsPerDimension);
    }

    /// <summary>The options in use.</summary>
    public GridOptions Options { get; }

    /// <summary>The grid.</summary>
    public GridPoints Points { get; }

    /// <inheritdoc/>
    public override bool SupportsMultiObjective => true;

    /// <inheritdoc/>
    protected internal override Suggestion? GetSuggestion(int pid)
    {
        for (; _scanned < History.Count; _scanned++)
        {
            _seen.Add(History[_scanned].Params);
        }

        _order ??= new IndexPermutation(Points.Count, new RandomStream(Seed, ulong.MaxValue - 1));
        for (; _position < Points.Count; _position++)
        {
            var point = Points[Options.Shuffle ? _order[_position] : _position];
            if (!_seen.Contains([.. point]))
            {
                _position++;
                return point;
            }
        }

        return null;
    }

    /// <summary>Compares encodings value by value, NaN equal to NaN.</summary>
    private sealed class EncodingComparer : IEqualityComparer<ImmutableArray<double>>
    {
        public static readonly EncodingComparer Instance = new();

        public bool Equals(ImmutableArray<double> x, ImmutableArray<double> y) => x.AsSpan().SequenceEqual(y.AsSpan());

        public int GetHashCode(ImmutableArray<double> obj)
        {
            var hash = default(HashCode);
            foreach (var v in obj)
            {
                hash.Add(v);
            }

            return hash.ToHashCode();
        }
    }
}
