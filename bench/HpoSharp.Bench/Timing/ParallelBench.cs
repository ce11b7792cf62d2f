using System.Diagnostics;
using HpoSharp.Bench.Metrics;
using HpoSharp.Bench.Problems;
using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Bench.Timing;

/// <summary>
/// Parallel scaling: the throughput of real parallel workers on an objective that sleeps 20 ms, and the regret at an
/// equal number of evaluations when several workers run trials of random durations, simulated in virtual time so that
/// the result is deterministic.
/// </summary>
public static class ParallelBench
{
    /// <summary>The worker counts of the throughput measurement.</summary>
    public static readonly int[] ThroughputWorkers = [1, 2, 4, 8];

    /// <summary>The worker counts of the regret measurement.</summary>
    public static readonly int[] RegretWorkers = [1, 4, 8];

    /// <summary>Runs 16 trials per worker of a 20 ms objective; returns the efficiency: ideal time (trials × 20 ms / workers) over the wall time.</summary>
    public static double Efficiency(string algorithm, int workers)
    {
        const int sleepMs = 20;
        var evaluations = 16 * workers;
        HPSpace[] space = [.. Enumerable.Range(0, 5).Select(i => new RangeHP($"x{i}", -5, 5))];
        var study = new Study(HpoRegistry.Build(algorithm, space), new StudyOptions { Seed = 1, MaxEvaluations = evaluations, MaxParallelism = workers });
        var watch = Stopwatch.StartNew();
        study.Optimize(Objective.Create(c =>
        {
            Thread.Sleep(sleepMs);
            return c.HyperParameters.Values.Sum(v => (double)v * (double)v);
        }));
        return evaluations * sleepMs / 1000.0 / workers / watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The regret after <paramref name="budget"/> evaluations with <paramref name="workers"/> asynchronous workers:
    /// each trial lasts a seeded random time uniform in [0.5, 2] units; a free worker asks at once, results are told
    /// in order of finishing. A grid that runs out ends the run early.
    /// </summary>
    public static double Regret(string algorithm, Problem problem, int seed, int workers, int budget)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var instance = problem.Create((ulong)seed);
        var clock = new ManualClock();
        var study = new Study(HpoRegistry.Build(algorithm, instance.Space), new StudyOptions { Seed = (ulong)seed, MaxParallelism = workers, TimeProvider = clock });
        var durations = new RandomStream((ulong)seed, 0x70617261UL);
        var running = new PriorityQueue<(int Number, double[] Observed, double[] True), (DateTimeOffset, int)>();
        var free = new Stack<int>(Enumerable.Range(0, workers).Reverse());
        var workerOf = new Dictionary<int, int>();
        var trace = new RunTraceBuilder();
        var started = 0;
        while (started < budget || running.Count > 0)
        {
            while (started < budget && free.Count > 0)
            {
                var worker = free.Peek();
                if (!study.TryAsk(out var trial, worker))
                {
                    budget = started;
                    break;
                }

                free.Pop();
                var (observed, truth) = instance.Observe(trial.HyperParameters, (ulong)seed, trial.Number);
                var finish = clock.GetUtcNow().AddSeconds(durations.NextDouble(0.5, 2));
                running.Enqueue((trial.Number, observed, truth), (finish, trial.Number));
                workerOf[trial.Number] = worker;
                started++;
            }

            if (!running.TryDequeue(out var done, out var at))
            {
                break;
            }

            clock.MoveTo(at.Item1);
            study.Tell(done.Number, done.Observed);
            trace.Add(done.Observed, done.True);
            free.Push(workerOf[done.Number]);
        }

        return trace.Build(0).Regret(budget, instance.Optimum);
    }
}
