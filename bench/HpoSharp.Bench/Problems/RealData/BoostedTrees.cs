using HpoSharp.Optimizers;

namespace HpoSharp.Bench.Problems.RealData;

/// <summary>The settings of <see cref="BoostedTrees"/>.</summary>
/// <param name="LearningRate">The shrinkage of every tree.</param>
/// <param name="Trees">The number of trees.</param>
/// <param name="MaxDepth">The largest depth of a tree.</param>
/// <param name="MinLeaf">The fewest training rows in a leaf.</param>
/// <param name="Subsample">The fraction of rows each tree is fitted on (drawn without replacement, seeded).</param>
/// <param name="L2">The L2 penalty on leaf values (λ of XGBoost): a leaf's value is Σ residual / (count + λ).</param>
public sealed record BoostingSettings(double LearningRate, int Trees, int MaxDepth, int MinLeaf, double Subsample, double L2);

/// <summary>
/// Gradient-boosted regression trees for squared error, on features binned once into at most 32 quantile bins (as
/// histogram-based boosting libraries do): each split is the bin threshold with the largest gain G²/(H + λ).
/// </summary>
public sealed class BoostedTrees
{
    private const int Bins = 32;
    private readonly double[][] _thresholds;

    /// <summary>Chooses the bin thresholds of every feature from the rows <paramref name="rows"/>.</summary>
    public BoostedTrees(double[][] x, int[] rows)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(rows);
        _thresholds = [.. Enumerable.Range(0, x[0].Length).Select(j =>
        {
            var sorted = rows.Select(r => x[r][j]).Order().ToArray();
            return Enumerable.Range(1, Bins - 1).Select(b => sorted[b * sorted.Length / Bins]).Distinct().ToArray();
        })];
    }

    /// <summary>The bin of every feature of a row.</summary>
    public byte[] Bin(double[] row) => [.. row.Select((v, j) => (byte)LowerBound(_thresholds[j], v))];

    /// <summary>Fits on binned training rows and returns the predictions for the binned validation rows.</summary>
    public double[] FitPredict(byte[][] train, double[] y, byte[][] validation, BoostingSettings s)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(s);
        var mean = y.Average();
        var residual = y.Select(v => v - mean).ToArray();
        var prediction = Enumerable.Repeat(mean, validation.Length).ToArray();
        var rng = new RandomStream(7, 0);
        var all = Enumerable.Range(0, train.Length).ToArray();
        var take = Math.Max(2, (int)Math.Round(s.Subsample * train.Length));
        var grower = new Grower(train, residual, _thresholds, s);
        for (var t = 0; t < s.Trees; t++)
        {
            rng.Shuffle(all.AsSpan());
            var rows = all[..take];
            var tree = new List<Node>();
            grower.Grow(tree, rows, 0, rows.Length, 0);
            for (var i = 0; i < train.Length; i++)
            {
                residual[i] -= s.LearningRate * Predict(tree, train[i]);
            }

            for (var i = 0; i < validation.Length; i++)
            {
                prediction[i] += s.LearningRate * Predict(tree, validation[i]);
            }
        }

        return prediction;
    }

    private static int LowerBound(double[] thresholds, double v)
    {
        var index = Array.BinarySearch(thresholds, v);
        return index >= 0 ? index + 1 : ~index;
    }

    private static double Predict(List<Node> tree, byte[] row)
    {
        var node = tree[0];
        while (node.Feature >= 0)
        {
            node = tree[row[node.Feature] < node.Bin ? node.Left : node.Right];
        }

        return node.Value;
    }

    private readonly record struct Node(int Feature, int Bin, int Left, int Right, double Value);

    /// <summary>Grows trees on the current residuals, partitioning row indices in place.</summary>
    private sealed class Grower(byte[][] x, double[] r, double[][] thresholds, BoostingSettings s)
    {
        private readonly double[] _sums = new double[Bins];
        private readonly int[] _counts = new int[Bins];

        /// <summary>Grows the subtree of rows[start..end); returns its index in <paramref name="tree"/>.</summary>
        public int Grow(List<Node> tree, int[] rows, int start, int end, int depth)
        {
            var index = tree.Count;
            var count = end - start;
            var sum = 0.0;
            for (var k = start; k < end; k++)
            {
                sum += r[rows[k]];
            }

            tree.Add(new Node(-1, 0, 0, 0, sum / (count + s.L2)));
            if (depth >= s.MaxDepth || count < 2 * s.MinLeaf)
            {
                return index;
            }

            var (feature, bin) = BestSplit(rows, start, end, sum);
            if (feature < 0)
            {
                return index;
            }

            var middle = start;
            for (var k = start; k < end; k++)
            {
                if (x[rows[k]][feature] < bin)
                {
                    (rows[k], rows[middle]) = (rows[middle], rows[k]);
                    middle++;
                }
            }

            var left = Grow(tree, rows, start, middle, depth + 1);
            var right = Grow(tree, rows, middle, end, depth + 1);
            tree[index] = new Node(feature, bin, left, right, 0);
            return index;
        }

        /// <summary>The split of largest gain G_L²/(n_L + λ) + G_R²/(n_R + λ) - G²/(n + λ), or feature -1 when none gains.</summary>
        private (int Feature, int Bin) BestSplit(int[] rows, int start, int end, double sum)
        {
            var count = end - start;
            var (feature, bin, gain) = (-1, 0, 0.0);
            var parentScore = sum * sum / (count + s.L2);
            for (var j = 0; j < thresholds.Length; j++)
            {
                Array.Clear(_sums);
                Array.Clear(_counts);
                for (var k = start; k < end; k++)
                {
                    var b = x[rows[k]][j];
                    _sums[b] += r[rows[k]];
                    _counts[b]++;
                }

                var (leftSum, leftCount) = (0.0, 0);
                for (var b = 1; b <= thresholds[j].Length; b++)
                {
                    leftSum += _sums[b - 1];
                    leftCount += _counts[b - 1];
                    var rightCount = count - leftCount;
                    if (leftCount < s.MinLeaf || rightCount < s.MinLeaf)
                    {
                        continue;
                    }

                    var rightSum = sum - leftSum;
                    var g = (leftSum * leftSum / (leftCount + s.L2)) + (rightSum * rightSum / (rightCount + s.L2)) - parentScore;
                    if (g > gain + 1e-12)
                    {
                        (feature, bin, gain) = (j, b, g);
                    }
                }
            }

            return (feature, bin);
        }
    }
}
