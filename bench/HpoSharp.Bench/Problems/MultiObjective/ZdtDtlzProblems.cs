using HpoSharp.Bench.Metrics;
using HpoSharp.Space;

namespace HpoSharp.Bench.Problems.MultiObjective;

/// <summary>
/// ZDT (Zitzler, Deb and Thiele, 2000) and DTLZ (Deb, Thiele, Laumanns and Zitzler, 2002) problems with a known Pareto
/// front and a fixed reference point. As in the originals, except that the distance variables reach their optimum at a
/// seeded point s in [0.2, 0.8] rather than at 0 or 0.5 (the centre, and a grid point): ZDT uses |x_i - s_i| where the
/// original uses x_i, DTLZ uses x_i - s_i where it uses x_i - 0.5. The fronts are unchanged.
/// </summary>
public static class ZdtDtlzProblems
{
    private static readonly double[] Ref2 = [1.1, 1.1];

    /// <summary>ZDT1: convex front f2 = 1 - sqrt(f1).</summary>
    public static Problem Zdt1(SuiteHalf half) => Zdt("zdt1-8d", half, "ZDT1, n = 8, convex front", (f1, g) => g * (1 - Math.Sqrt(f1 / g)), 0.1 + (2.0 / 3) + 0.11);

    /// <summary>ZDT2: concave front f2 = 1 - f1².</summary>
    public static Problem Zdt2(SuiteHalf half) => Zdt("zdt2-8d", half, "ZDT2, n = 8, concave front", (f1, g) => g * (1 - Math.Pow(f1 / g, 2)), 0.1 + (1.0 / 3) + 0.11);

    /// <summary>ZDT3: disconnected front f2 = 1 - sqrt(f1) - f1 sin(10π f1).</summary>
    public static Problem Zdt3(SuiteHalf half) => Zdt("zdt3-8d", half, "ZDT3, n = 8, disconnected front", (f1, g) => g * (1 - Math.Sqrt(f1 / g) - (f1 / g * Math.Sin(10 * Math.PI * f1))), Zdt3FrontVolume.Value);

    /// <summary>
    /// DTLZ1: linear front Σ f = 1/2 in three objectives, multimodal distance function; reference (100, 100, 100). The
    /// usual (1, 1, 1) lies so close to the front that no sampler reaches inside it within a few hundred trials, which
    /// leaves every run with the same score.
    /// </summary>
    public static Problem Dtlz1(SuiteHalf half) => Dtlz("dtlz1-3obj-7d", half, "DTLZ1, 3 objectives, n = 7, linear front, multimodal g; reference (100, 100, 100)", [100.0, 100, 100], 1e6 - (0.125 / 6), (x, s) =>
    {
        var g = 100 * (s.Length + s.Select((si, i) => Math.Pow(x[i + 2] - si, 2) - Math.Cos(20 * Math.PI * (x[i + 2] - si))).Sum());
        var h = 0.5 * (1 + g);
        return [h * x[0] * x[1], h * x[0] * (1 - x[1]), h * (1 - x[0])];
    });

    /// <summary>DTLZ2: spherical front Σ f² = 1 in three objectives; reference (1.1, 1.1, 1.1).</summary>
    public static Problem Dtlz2(SuiteHalf half) => Dtlz("dtlz2-3obj-7d", half, "DTLZ2, 3 objectives, n = 7, spherical front", [1.1, 1.1, 1.1], Math.Pow(1.1, 3) - (Math.PI / 6), (x, s) =>
    {
        var g = s.Select((si, i) => Math.Pow(x[i + 2] - si, 2)).Sum();
        var (a, b) = (x[0] * Math.PI / 2, x[1] * Math.PI / 2);
        return [(1 + g) * Math.Cos(a) * Math.Cos(b), (1 + g) * Math.Cos(a) * Math.Sin(b), (1 + g) * Math.Sin(a)];
    });

    private static Problem Zdt(string name, SuiteHalf half, string description, Func<double, double, double> f2, double frontVolume) =>
        Make(name, half, description, 2, 8, 1, Ref2, frontVolume, (x, s) =>
        {
            var g = 1 + (9.0 / 7 * s.Select((si, i) => Math.Abs(x[i + 1] - si)).Sum());
            return [x[0], f2(x[0], g)];
        });

    private static Problem Dtlz(string name, SuiteHalf half, string description, double[] reference, double frontVolume, Func<double[], double[], double[]> f) =>
        Make(name, half, description, 3, 7, 2, reference, frontVolume, f);

    private static Problem Make(string name, SuiteHalf half, string description, int objectives, int n, int positions, double[] reference, double frontVolume, Func<double[], double[], double[]> f) =>
        new(name, "multi-objective", half, description, seed =>
        {
            var rng = InstanceRandom.For(name, seed);
            var shift = Enumerable.Range(0, n - positions).Select(_ => rng.NextDouble(0.2, 0.8)).ToArray();
            return new ProblemInstance
            {
                Space = [.. Enumerable.Range(0, n).Select(i => new RangeHP($"x{i}", 0, 1))],
                Evaluate = hps => f([.. Enumerable.Range(0, n).Select(i => hps.GetDouble($"x{i}"))], shift),
                ReferencePoint = reference,
                FrontHypervolume = frontVolume,
            };
        }) { Objectives = objectives };

    /// <summary>
    /// The hypervolume of ZDT3's front: the integral over f1 in [0, 1.1] of 1.1 minus the lowest f2 on the curve at or
    /// left of f1 (so only the curve's non-dominated parts count), by the trapezoid rule on 2,000,000 steps of f1, which
    /// is within about 1e-10 of the exact value.
    /// </summary>
    private static class Zdt3FrontVolume
    {
        private const int Steps = 2_000_000;

        public static readonly double Value = Integrate();

        private static double Integrate()
        {
            var lowest = 1.0;
            var height = Ref2[1] - lowest;
            var area = 0.0;
            for (var i = 1; i <= Steps; i++)
            {
                var f1 = (double)i / Steps;
                lowest = Math.Min(lowest, 1 - Math.Sqrt(f1) - (f1 * Math.Sin(10 * Math.PI * f1)));
                var next = Ref2[1] - lowest;
                area += (height + next) / (2 * Steps);
                height = next;
            }

            return area + ((Ref2[0] - 1) * height);
        }
    }
}
