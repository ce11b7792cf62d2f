using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Tests.Optimizers;

/// <summary>Runs an optimizer on (x − 1.3)² over [−5, 5] and measures how its late suggestions gather at the optimum.</summary>
public static class OneDimensionalProbe
{
    /// <summary>The optimum.</summary>
    public const double Optimum = 1.3;

    /// <summary>The fraction of the last 30 of 80 sequential suggestions within 0.5 of the optimum (uniform draws: 0.1).</summary>
    public static double NearFraction(Func<SearchSpace, BaseHPOptimizer> build, ulong seed)
    {
        SearchSpace space = [new RangeHP("x", -5, 5)];
        var study = new Study(build(space), new StudyOptions { Seed = seed });
        var near = 0;
        for (var i = 0; i < 80; i++)
        {
            var trial = study.Ask();
            var x = trial.HyperParameters.GetDouble("x");
            study.Tell(trial.Number, Math.Pow(x - Optimum, 2));
            near += i >= 50 && Math.Abs(x - Optimum) < 0.5 ? 1 : 0;
        }

        return near / 30.0;
    }
}
