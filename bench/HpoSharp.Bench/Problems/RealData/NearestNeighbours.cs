namespace HpoSharp.Bench.Problems.RealData;

/// <summary>k-nearest-neighbour classification with the Minkowski distance of order p, uniform or inverse-distance votes.</summary>
public static class NearestNeighbours
{
    /// <summary>
    /// The mean log-loss on <paramref name="validation"/> rows of class probabilities (votes + 0.5)/(total + 0.5 classes)
    /// from the <paramref name="k"/> nearest <paramref name="train"/> rows.
    /// </summary>
    public static double LogLoss(double[][] train, double[] trainY, double[][] validation, double[] validationY, int classes, int k, double p, bool distanceWeighted)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        var loss = 0.0;
        var distances = new double[train.Length];
        var order = new int[train.Length];
        var votes = new double[classes];
        for (var v = 0; v < validation.Length; v++)
        {
            for (var i = 0; i < train.Length; i++)
            {
                distances[i] = Minkowski(validation[v], train[i], p);
                order[i] = i;
            }

            Array.Sort((double[])distances.Clone(), order);
            Array.Clear(votes);
            var neighbours = Math.Min(k, train.Length);
            for (var j = 0; j < neighbours; j++)
            {
                votes[(int)trainY[order[j]]] += distanceWeighted ? 1 / Math.Max(distances[order[j]], 1e-12) : 1;
            }

            var total = votes.Sum();
            var probability = ((votes[(int)validationY[v]] / total * neighbours) + 0.5) / (neighbours + (0.5 * classes));
            loss -= Math.Log(probability);
        }

        return loss / validation.Length;
    }

    /// <summary>(Σ |a_j - b_j|^p)^(1/p); a power of a zero difference is 0.</summary>
    private static double Minkowski(double[] a, double[] b, double p)
    {
        var s = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            var d = Math.Abs(a[j] - b[j]);
            s += d > 0 ? Math.Exp(p * Math.Log(d)) : 0;
        }

        return Math.Pow(s, 1 / p);
    }
}
