using HpoSharp.Bench.Problems;
using HpoSharp.Execution;

namespace HpoSharp.Bench.Running;

/// <summary>
/// Runs every selected HpoSharp algorithm on every problem it supports, once per seed at the largest budget: an
/// algorithm never sees the study's budget, so the shorter budgets are exact prefixes of that run.
/// </summary>
public static class HpoSharpSuite
{
    /// <summary>
    /// Algorithms whose suggestions cost milliseconds: at most this many seeds, and single-objective runs to at most
    /// this budget (the caps of Optuna's GPSampler on the other side).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (int Seeds, int Budget)> Expensive =
        new Dictionary<string, (int Seeds, int Budget)>(StringComparer.OrdinalIgnoreCase) { ["bayes"] = (10, 100) };

    /// <summary>The registered algorithms selected by <paramref name="wanted"/> (all when empty); throws naming unknown ones.</summary>
    public static IReadOnlyList<string> Algorithms(IReadOnlyList<string> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var names = HpoRegistry.Names;
        var unknown = wanted.Where(w => !names.Contains(w, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown algorithm(s) {string.Join(", ", unknown)}; registered: {string.Join(", ", names)}.", nameof(wanted));
        }

        return wanted.Count == 0 ? names : [.. names.Where(n => wanted.Contains(n, StringComparer.OrdinalIgnoreCase))];
    }

    /// <summary>Whether <paramref name="algorithm"/> can run <paramref name="problem"/> (multi-objective studies need support).</summary>
    public static bool Supports(string algorithm, Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return !problem.IsMultiObjective || HpoRegistry.Build(algorithm, Instances.Get(problem, 0).Space).SupportsMultiObjective;
    }

    /// <summary>Runs the algorithms and adds their traces to <paramref name="results"/>, <paramref name="jobs"/> runs at a time; reports progress to <paramref name="log"/>.</summary>
    public static void Run(IReadOnlyList<string> algorithms, IReadOnlyList<Problem> problems, int seeds, int budget, int moBudget, int jobs, ResultSet results, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(log);
        var work = (from a in algorithms
                    from p in problems
                    where Supports(a, p)
                    from s in Enumerable.Range(0, Expensive.TryGetValue(a, out var cap) ? Math.Min(seeds, cap.Seeds) : seeds)
                    select (a, p, s)).ToList();
        var done = 0;
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = jobs }, item =>
        {
            var (algorithm, problem, seed) = item;
            var b = problem.IsMultiObjective ? moBudget : Expensive.TryGetValue(algorithm, out var cap) ? Math.Min(budget, cap.Budget) : budget;
            results.Add(new Column("HpoSharp", algorithm, Version), problem.Name, seed, b, HpoSharpRunner.Run(algorithm, problem, seed, b));
            if (Interlocked.Increment(ref done) % 250 == 0)
            {
                lock (log)
                {
                    log.WriteLine($"  HpoSharp: {done}/{work.Count} runs");
                }
            }
        });
    }

    /// <summary>The HpoSharp assembly's informational version.</summary>
    public static string Version => typeof(Study).Assembly.GetName().Version?.ToString() ?? "dev";
}
