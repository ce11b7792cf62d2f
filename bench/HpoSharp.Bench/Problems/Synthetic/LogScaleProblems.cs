using HpoSharp.Space;

namespace HpoSharp.Bench.Problems.Synthetic;

/// <summary>Problems whose parameters are log-scaled and whose optimum may lie anywhere across several decades.</summary>
public static class LogScaleProblems
{
    /// <summary>A learning rate and a weight decay with correlated effects: a tilted bowl in log10 units, optimum seeded.</summary>
    public static Problem LearningRateDecay(SuiteHalf half) => new("log-lr-decay-2d", "log-scale", half,
        "learning rate in [1e-6, 1] and weight decay in [1e-8, 0.1], both log; correlated bowl in decades", seed =>
        {
            var rng = InstanceRandom.For("log-lr-decay-2d", seed);
            var (u, v) = (rng.NextDouble(-5, -1), rng.NextDouble(-7, -2));
            return new ProblemInstance
            {
                Space = [new LogRangeHP("lr", 1e-6, 1), new LogRangeHP("decay", 1e-8, 0.1)],
                Evaluate = hps =>
                {
                    var a = Math.Log10(hps.GetDouble("lr")) - u;
                    var b = Math.Log10(hps.GetDouble("decay")) - v;
                    return [(a * a) + (0.5 * b * b) + (0.6 * a * b)];
                },
            };
        });

    /// <summary>Four log-scaled parameters spanning 5 to 6 decades, coupled along a Rosenbrock valley in log units.</summary>
    public static Problem LogRosenbrock(SuiteHalf half)
    {
        (string Name, double Low, double High)[] ranges = [("lr", 1e-5, 1), ("l2", 1e-7, 0.1), ("eps", 1e-10, 1e-4), ("temperature", 1e-3, 1e3)];
        return new("log-rosenbrock-4d", "log-scale", half, "four log parameters over 5 to 6 decades, Rosenbrock valley in log10 units", seed =>
        {
            var rng = InstanceRandom.For("log-rosenbrock-4d", seed);
            var optimum = ranges.Select(r => Lerp(Math.Log10(r.Low), Math.Log10(r.High), rng.NextDouble(0.1, 0.9))).ToArray();
            return new ProblemInstance
            {
                Space = [.. ranges.Select(r => new LogRangeHP(r.Name, r.Low, r.High))],
                Evaluate = hps =>
                {
                    var y = ranges.Select((r, i) => 1 + (4 * (Math.Log10(hps.GetDouble(r.Name)) - optimum[i]) / Math.Log10(r.High / r.Low))).ToArray();
                    var f = 0.0;
                    for (var i = 0; i < y.Length - 1; i++)
                    {
                        f += (100 * Math.Pow((y[i] * y[i]) - y[i + 1], 2)) + Math.Pow(y[i] - 1, 2);
                    }

                    return [f];
                },
            };
        });
    }

    private static double Lerp(double a, double b, double t) => a + ((b - a) * t);
}
