using System.Diagnostics;
using HpoSharp.Bench.Metrics;
using HpoSharp.Bench.Problems;
using HpoSharp.Execution;
using HpoSharp.Trials;

namespace HpoSharp.Bench.Running;

/// <summary>Runs one registered HpoSharp algorithm on one problem instance with one seed, sequentially, and records its trace.</summary>
public static class HpoSharpRunner
{
    /// <summary>Runs <paramref name="algorithm"/> for <paramref name="budget"/> evaluations on the instance of <paramref name="seed"/>.</summary>
    public static RunTrace Run(string algorithm, Problem problem, int seed, int budget)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var instance = problem.Create((ulong)seed);
        var truth = new Dictionary<int, double[]>();
        var options = new StudyOptions
        {
            Seed = (ulong)seed,
            MaxEvaluations = budget,
            Directions = [.. Enumerable.Repeat(Direction.Minimize, problem.Objectives)],
        };
        var watch = Stopwatch.StartNew();
        var study = new Study(HpoRegistry.Build(algorithm, instance.Space), options);
        var result = study.Optimize(Objective.Create(context =>
        {
            var (observed, real) = instance.Observe(context.HyperParameters, (ulong)seed, context.Number);
            truth[context.Number] = real;
            return observed;
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        var trace = new RunTraceBuilder();
        foreach (var trial in result.Trials.OrderBy(t => t.Number))
        {
            if (trial.State == TrialState.Complete)
            {
                trace.Add([.. trial.Values], truth[trial.Number]);
            }
            else
            {
                trace.AddFailed();
            }
        }

        return trace.Build(seconds);
    }
}
