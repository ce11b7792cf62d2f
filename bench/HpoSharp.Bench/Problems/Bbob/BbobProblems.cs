using HpoSharp.Space;

namespace HpoSharp.Bench.Problems.Bbob;

/// <summary>Makes a suite problem of a BBOB function: D real parameters x0..x(D-1) in [-5, 5], one instance per seed.</summary>
public static class BbobProblems
{
    /// <summary>The problem of BBOB function <paramref name="number"/> in <paramref name="d"/> dimensions.</summary>
    public static Problem Make(int number, int d, SuiteHalf half)
    {
        var (name, f) = BbobFunctions.ByNumber[number];
        var problemName = $"bbob-f{number}-{name}-{d}d";
        var scale = number == 8 ? 0.75 : 1;
        return new Problem(problemName, "continuous", half, $"BBOB f{number} ({name}), D = {d}", seed =>
        {
            var instance = new BbobInstance(d, InstanceRandom.For(problemName, seed), scale);
            return new ProblemInstance
            {
                Space = Space(d),
                Evaluate = hps => [f(instance, Point(hps, d))],
                Optimum = instance.FOpt,
            };
        });
    }

    /// <summary>D real parameters x0..x(D-1) in [-5, 5].</summary>
    public static HPSpace[] Space(int d) => [.. Enumerable.Range(0, d).Select(i => new RangeHP($"x{i}", -5, 5))];

    /// <summary>The point x0..x(D-1) of a configuration.</summary>
    public static double[] Point(HyperParameters hps, int d) => [.. Enumerable.Range(0, d).Select(i => hps.GetDouble($"x{i}"))];
}
