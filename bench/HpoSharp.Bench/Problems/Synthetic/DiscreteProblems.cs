using HpoSharp.Bench.Problems.Bbob;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Bench.Problems.Synthetic;

/// <summary>
/// Integer and stepped parameters: a sum of rotated, ill-conditioned quadratics over blocks of parameters in unit
/// coordinates, each centred off the lattice. The optimum over the allowed values is found exactly by enumerating
/// every block's values.
/// </summary>
public static class DiscreteProblems
{
    /// <summary>Six integers in [-20, 40], in three coupled pairs.</summary>
    public static Problem IntegerBlocks(SuiteHalf half) => BlockQuadratic("integer-blocks-6d", half,
        "six integers in [-20, 40], three rotated pairs, condition 30",
        [.. Enumerable.Range(0, 6).Select(i => new IntRangeHP($"n{i}", -20, 40))], [[0, 1], [2, 3], [4, 5]], 30);

    /// <summary>Stepped reals, stepped and log-scaled integers.</summary>
    public static Problem Stepped(SuiteHalf half) => BlockQuadratic("stepped-5d", half,
        "real step 0.25, integer step 8, log integer in [1, 1000], real step 0.1, integer in [0, 15]",
        [
            new RangeHP("a", 0, 10, step: 0.25),
            new IntRangeHP("b", 8, 256, step: 8),
            new IntRangeHP("c", 1, 1000, log: true),
            new RangeHP("d", -1, 1, step: 0.1),
            new IntRangeHP("e", 0, 15),
        ],
        [[0, 1], [2, 3], [4]],
        10);

    private static Problem BlockQuadratic(string name, SuiteHalf half, string description, NumericHP[] space, int[][] blocks, double condition) =>
        new(name, "integer-stepped", half, description, seed =>
        {
            var rng = InstanceRandom.For(name, seed);
            var parts = blocks.Select(b => new Block(b, rng, condition)).ToArray();
            var dims = space.Select(p => p.Dimension).ToArray();
            return new ProblemInstance
            {
                Space = space,
                Evaluate = hps =>
                {
                    var u = space.Select(p => p.Dimension.ToUnit(Convert.ToDouble(hps[p.Name], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
                    return [parts.Sum(b => b.Value(u))];
                },
                Optimum = parts.Sum(b => b.Minimum(dims)),
            };
        });

    /// <summary>One block: 10 Σ_j λ_j (R (u - c))_j², λ from 1 to the condition number, centre uniform in [0.1, 0.9].</summary>
    private sealed class Block
    {
        private readonly int[] _indices;
        private readonly double[] _centre;
        private readonly double[,] _rotation;
        private readonly double[] _scales;

        public Block(int[] indices, RandomStream rng, double condition)
        {
            _indices = indices;
            _centre = [.. indices.Select(_ => rng.NextDouble(0.1, 0.9))];
            _rotation = BbobTransforms.Rotation(indices.Length, rng);
            _scales = [.. indices.Select((_, j) => 10 * Math.Pow(condition, BbobTransforms.Fraction(j, indices.Length)))];
        }

        public double Value(double[] unit)
        {
            var delta = _indices.Select((d, j) => unit[d] - _centre[j]).ToArray();
            var z = BbobTransforms.Multiply(_rotation, delta);
            return z.Select((v, j) => _scales[j] * v * v).Sum();
        }

        /// <summary>The exact minimum over every combination of the block's allowed values.</summary>
        public double Minimum(Dimension[] dimensions)
        {
            var values = _indices.Select(d => Enumerable.Range(0, (int)dimensions[d].Cardinality).Select(k => dimensions[d].ToUnit(dimensions[d].Low + (k * dimensions[d].Step))).ToArray()).ToArray();
            var unit = new double[dimensions.Length];
            var best = double.PositiveInfinity;
            Enumerate(0);
            return best;

            void Enumerate(int j)
            {
                if (j == _indices.Length)
                {
                    best = Math.Min(best, Value(unit));
                    return;
                }

                foreach (var v in values[j])
                {
                    unit[_indices[j]] = v;
                    Enumerate(j + 1);
                }
            }
        }
    }
}
