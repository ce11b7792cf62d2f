namespace HpoSharp.Bench.Problems.RealData;

/// <summary>
/// Binary logistic regression with an elastic-net penalty, fitted by FISTA (accelerated proximal gradient) for a fixed
/// number of iterations (60, like a solver's iteration limit): minimises mean log-loss + λ (α ||w||₁ + (1 - α)/2 ||w||²), λ = 1/(C n) as in scikit-learn's C.
/// The intercept is not penalised.
/// </summary>
public static class LogisticRegression
{
    private const int Iterations = 60;

    /// <summary>Fits on standardised rows <paramref name="x"/> with 0/1 labels <paramref name="y"/>; returns the weights, intercept last.</summary>
    public static double[] Fit(double[][] x, double[] y, double c, double l1Ratio)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var (n, d) = (x.Length, x[0].Length);
        var lambda = 1 / (c * n);
        var lipschitz = (0.25 * x.Sum(r => r.Sum(v => v * v) + 1) / n) + (lambda * (1 - l1Ratio));
        var step = 1 / lipschitz;
        var w = new double[d + 1];
        var v = new double[d + 1];
        var gradient = new double[d + 1];
        var t = 1.0;
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            Array.Clear(gradient);
            for (var i = 0; i < n; i++)
            {
                var residual = Sigmoid(Dot(v, x[i])) - y[i];
                for (var j = 0; j < d; j++)
                {
                    gradient[j] += residual * x[i][j];
                }

                gradient[d] += residual;
            }

            var previous = (double[])w.Clone();
            for (var j = 0; j <= d; j++)
            {
                var z = v[j] - (step * gradient[j] / n);
                w[j] = j == d ? z : SoftThreshold(z - (step * lambda * (1 - l1Ratio) * v[j]), step * lambda * l1Ratio);
            }

            var tNext = (1 + Math.Sqrt(1 + (4 * t * t))) / 2;
            for (var j = 0; j <= d; j++)
            {
                v[j] = w[j] + ((t - 1) / tNext * (w[j] - previous[j]));
            }

            t = tNext;
        }

        return w;
    }

    /// <summary>The mean log-loss of weights <paramref name="w"/> on rows <paramref name="x"/>, probabilities clipped to [1e-15, 1 - 1e-15].</summary>
    public static double LogLoss(double[] w, double[][] x, double[] y) =>
        x.Select((row, i) => Math.Clamp(Sigmoid(Dot(w, row)), 1e-15, 1 - 1e-15)).Select((p, i) => -((y[i] * Math.Log(p)) + ((1 - y[i]) * Math.Log(1 - p)))).Average();

    private static double Dot(double[] w, double[] row)
    {
        var s = w[^1];
        for (var j = 0; j < row.Length; j++)
        {
            s += w[j] * row[j];
        }

        return s;
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private static double SoftThreshold(double z, double threshold) => Math.Sign(z) * Math.Max(0, Math.Abs(z) - threshold);
}
