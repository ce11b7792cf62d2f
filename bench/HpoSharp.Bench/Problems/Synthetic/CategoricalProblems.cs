using HpoSharp.Space;

namespace HpoSharp.Bench.Problems.Synthetic;

/// <summary>Problems of categorical parameters with 2 to 10 choices.</summary>
public static class CategoricalProblems
{
    private static readonly int[] ChainCounts = [2, 3, 4, 5, 6, 8, 10, 3];

    /// <summary>
    /// Eight categoricals in a chain: a seeded cost per choice plus a seeded cost per pair of neighbouring choices.
    /// The optimum is found exactly by dynamic programming along the chain.
    /// </summary>
    public static Problem Chain(SuiteHalf half) => new("categorical-chain-8d", "categorical", half,
        "eight categoricals with 2 to 10 choices, unary and neighbour-pair costs", seed =>
        {
            var rng = InstanceRandom.For("categorical-chain-8d", seed);
            var unary = ChainCounts.Select(k => CategoryTable.Draw(k, 1, rng)).ToArray();
            var pair = ChainCounts.Skip(1).Select((k, i) => Enumerable.Range(0, ChainCounts[i]).Select(_ => CategoryTable.Draw(k, 0.7, rng)).ToArray()).ToArray();
            return new ProblemInstance
            {
                Space = [.. ChainCounts.Select((k, i) => new ChoiceHP($"c{i}", CategoryTable.Choices(k)))],
                Evaluate = hps =>
                {
                    var c = ChainCounts.Select((_, i) => CategoryTable.IndexOf(hps[$"c{i}"])).ToArray();
                    return [c.Select((v, i) => unary[i][v]).Sum() + pair.Select((p, i) => p[c[i]][c[i + 1]]).Sum()];
                },
                Optimum = ChainMinimum(unary, pair),
            };
        });

    /// <summary>
    /// Three categoricals (3, 5 and 10 choices), each setting where the optimum of its own real parameter lies, plus a
    /// cost per choice: the best real value depends on the choice. The minimum is the sum of the smallest costs.
    /// </summary>
    public static Problem WithReals(SuiteHalf half) => new("categorical-reals-6d", "categorical", half,
        "three categoricals (3, 5, 10 choices), each moving the optimum of a real in [0, 1]", seed =>
        {
            var rng = InstanceRandom.For("categorical-reals-6d", seed);
            int[] counts = [3, 5, 10];
            var costs = counts.Select(k => CategoryTable.Draw(k, 0.5, rng)).ToArray();
            var centres = counts.Select(k => Enumerable.Range(0, k).Select(_ => rng.NextDouble(0.1, 0.9)).ToArray()).ToArray();
            return new ProblemInstance
            {
                Space = [.. counts.Select((k, i) => (HPSpace)new ChoiceHP($"c{i}", CategoryTable.Choices(k))), .. counts.Select((_, i) => new RangeHP($"x{i}", 0, 1))],
                Evaluate = hps => [counts.Select((_, i) =>
                {
                    var c = CategoryTable.IndexOf(hps[$"c{i}"]);
                    return costs[i][c] + (4 * Math.Pow(hps.GetDouble($"x{i}") - centres[i][c], 2));
                }).Sum()],
            };
        });

    /// <summary>Min-sum dynamic programming along the chain.</summary>
    internal static double ChainMinimum(double[][] unary, double[][][] pair)
    {
        var best = (double[])unary[0].Clone();
        for (var i = 1; i < unary.Length; i++)
        {
            var previous = best;
            best = [.. unary[i].Select((u, c) => u + previous.Select((b, p) => b + pair[i - 1][p][c]).Min())];
        }

        return best.Min();
    }
}
