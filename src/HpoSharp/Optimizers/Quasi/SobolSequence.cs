using System.IO.Compression;
using System.Numerics;
using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <summary>
/// The Sobol sequence with the direction numbers of Joe and Kuo (2008, "new-joe-kuo-6", first 4,096 dimensions),
/// optionally scrambled by a random linear matrix scrambling and a random digital shift (Matoušek 1998), which keeps
/// every power-of-two block of points a (t, m, s)-net. Point <c>i</c> is computed directly from the bits of <c>i</c>
/// (natural order, starting with the all-zero point when unscrambled): generators in Gray-code order, such as scipy's
/// <c>qmc.Sobol</c>, give it at position n where n xor (n &gt;&gt; 1) = i, and the same points in every block of 2^m
/// starting at a multiple of 2^m.
/// </summary>
public sealed class SobolSequence
{
    /// <summary>The number of dimensions the shipped direction numbers cover.</summary>
    public const int MaxDimensions = 4096;

    private const int Bits = 32;
    private static readonly Lazy<(uint Polynomial, uint[] M)[]> Table = new(LoadTable);

    private readonly uint[][] _directions;
    private readonly uint[] _shift;

    /// <summary>Creates the sequence in <paramref name="dimensions"/> dimensions, scrambled from <paramref name="scramble"/> when given.</summary>
    public SobolSequence(int dimensions, RandomStream? scramble = null)
    {
        if (dimensions < 1 || dimensions > MaxDimensions)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"The Sobol sequence covers 1 to {MaxDimensions} dimensions.");
        }

        _directions = new uint[dimensions][];
        _shift = new uint[dimensions];
        for (var j = 0; j < dimensions; j++)
        {
            _directions[j] = DirectionNumbers(Table.Value[j]);
            if (scramble is not null)
            {
                Scramble(_directions[j], scramble);
                _shift[j] = (uint)scramble.NextUInt64();
            }
        }
    }

    /// <summary>The number of dimensions.</summary>
    public int Dimensions => _directions.Length;

    /// <summary>Throws, naming <paramref name="algorithm"/>, when <paramref name="space"/> has more dimensions than the sequence covers.</summary>
    internal static void CheckCovers(SearchSpace space, string algorithm)
    {
        if (space.Dimensions.Count > MaxDimensions)
        {
            throw new ArgumentException($"{algorithm} supports up to {MaxDimensions} dimensions; this search space has {space.Dimensions.Count}.", nameof(space));
        }
    }

    /// <summary>Writes point <paramref name="index"/> (0 to 2^32 - 1), each coordinate in [0, 1), into <paramref name="destination"/>.</summary>
    public void Point(long index, Span<double> destination)
    {
        if (index < 0 || index > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "A Sobol point index must be in [0, 2^32).");
        }

        for (var j = 0; j < _directions.Length; j++)
        {
            var x = _shift[j];
            var bits = (uint)index;
            for (var k = 0; bits != 0; k++, bits >>= 1)
            {
                if ((bits & 1) != 0)
                {
                    x ^= _directions[j][k];
                }
            }

            destination[j] = x * (1.0 / 4294967296.0);
        }
    }

    private static uint[] DirectionNumbers((uint Polynomial, uint[] M) entry)
    {
        var v = new uint[Bits];
        var degree = entry.M.Length;
        if (degree == 0)
        {
            for (var k = 0; k < Bits; k++)
            {
                v[k] = 1u << (Bits - 1 - k);
            }

            return v;
        }

        for (var k = 0; k < Math.Min(degree, Bits); k++)
        {
            v[k] = entry.M[k] << (Bits - 1 - k);
        }

        for (var k = degree; k < Bits; k++)
        {
            v[k] = v[k - degree] ^ (v[k - degree] >> degree);
            for (var i = 1; i < degree; i++)
            {
                if (((entry.Polynomial >> (degree - i)) & 1) != 0)
                {
                    v[k] ^= v[k - i];
                }
            }
        }

        return v;
    }

    /// <summary>Multiplies every direction number by a random lower-triangular binary matrix with a unit diagonal.</summary>
    private static void Scramble(uint[] directions, RandomStream rng)
    {
        var rows = new uint[Bits];
        for (var r = 0; r < Bits; r++)
        {
            var above = r == 0 ? 0u : (uint)(rng.NextUInt64() >> (64 - r)) << (Bits - r);
            rows[r] = above | (1u << (Bits - 1 - r));
        }

        for (var k = 0; k < directions.Length; k++)
        {
            var scrambled = 0u;
            for (var r = 0; r < Bits; r++)
            {
                scrambled |= (uint)(BitOperations.PopCount(directions[k] & rows[r]) & 1) << (Bits - 1 - r);
            }

            directions[k] = scrambled;
        }
    }

    private static (uint, uint[])[] LoadTable()
    {
        using var resource = typeof(SobolSequence).Assembly.GetManifestResourceStream("HpoSharp.Optimizers.Quasi.joe-kuo-6.4096.txt.gz")
            ?? throw new InvalidOperationException("The Sobol direction numbers are missing from the assembly.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var table = new List<(uint, uint[])>(MaxDimensions);
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var numbers = line.Split(' ').Select(uint.Parse).ToArray();
            table.Add((numbers[0], numbers[1..]));
        }

        return [.. table];
    }
}
