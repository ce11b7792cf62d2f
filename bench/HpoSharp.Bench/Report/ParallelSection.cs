using System.Text;
using System.Text.Json.Nodes;
using HpoSharp.Bench.Problems;
using HpoSharp.Bench.Running;
using HpoSharp.Bench.Stats;
using HpoSharp.Bench.Timing;

namespace HpoSharp.Bench.Report;

/// <summary>The parallel-scaling tables: throughput efficiency with 1 to 8 workers, and regret at equal evaluations with 1, 4 and 8 workers.</summary>
public static class ParallelSection
{
    /// <summary>The problems of the regret-with-workers measurement: one per single-objective family.</summary>
    public static readonly string[] RegretProblems =
        ["bbob-f8-rosenbrock-5d", "bbob-f15-rastrigin-5d", "log-rosenbrock-4d", "integer-blocks-6d", "categorical-reals-6d", "conditional-model-12d", "mixed-network-8d"];

    /// <summary>Measures the throughput efficiency of every algorithm with every worker count.</summary>
    public static Dictionary<string, IReadOnlyDictionary<int, double>> MeasureThroughput(IReadOnlyList<string> algorithms, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        ArgumentNullException.ThrowIfNull(log);
        log.WriteLine("Parallel throughput...");
        return algorithms.ToDictionary(a => a, a => (IReadOnlyDictionary<int, double>)ParallelBench.ThroughputWorkers.ToDictionary(w => w, w => ParallelBench.Efficiency(a, w)));
    }

    /// <summary>Reads Optuna's throughput efficiencies cached under <paramref name="cache"/> (one throughput.json per version), by column label.</summary>
    public static Dictionary<string, IReadOnlyDictionary<int, double>> ReadOptuna(string cache)
    {
        var rows = new Dictionary<string, IReadOnlyDictionary<int, double>>();
        if (!Directory.Exists(cache))
        {
            return rows;
        }

        foreach (var file in Directory.EnumerateFiles(cache, "throughput.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var node = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var version = OptunaCache.VersionOf(node);
            foreach (var group in node["cases"]!.AsArray().GroupBy(c => c!["sampler"]!.GetValue<string>()))
            {
                rows[$"optuna {version} {group.Key} (n_jobs threads)"] = group.ToDictionary(c => c!["workers"]!.GetValue<int>(), c => c!["efficiency"]!.GetValue<double>());
            }
        }

        return rows;
    }

    /// <summary>
    /// Writes the throughput table (HpoSharp's and Optuna's rows, when measured) and measures and writes the
    /// regret-with-workers table for <paramref name="algorithms"/>.
    /// </summary>
    public static string Write(IReadOnlyList<string> algorithms, int seeds, int budget, IReadOnlyDictionary<string, IReadOnlyDictionary<int, double>>? throughput, IReadOnlyDictionary<string, IReadOnlyDictionary<int, double>> optuna, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        ArgumentNullException.ThrowIfNull(optuna);
        ArgumentNullException.ThrowIfNull(log);
        var text = new StringBuilder();
        if (throughput is not null)
        {
            text.AppendLine("Throughput efficiency on an objective that sleeps 20 ms (16 trials per worker; ideal time / wall time; 100% is perfect scaling; Optuna with `study.optimize(n_jobs=k)`, measured by `run_optuna.py --throughput`):").AppendLine();
            text.AppendLine(Markdown.Table(
                ["algorithm", .. ParallelBench.ThroughputWorkers.Select(w => $"{w} worker{(w > 1 ? "s" : string.Empty)}")],
                throughput.Where(t => algorithms.Contains(t.Key)).Concat(optuna).Select(t => (IReadOnlyList<string>)[t.Key, .. ParallelBench.ThroughputWorkers.Select(w => t.Value.TryGetValue(w, out var e) ? Markdown.Number(100 * e, "0") + "%" : "—")])));
        }

        log.WriteLine("Regret with parallel workers...");
        var problems = RegretProblems.Select(ProblemCatalog.Get).ToList();
        text.AppendLine($"Median regret after {budget} evaluations over {seeds} seeds with asynchronous workers, trial durations uniform in [0.5, 2] (simulated in virtual time, deterministic); in brackets log10(median with k workers / median with 1):").AppendLine();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var algorithm in algorithms)
        {
            foreach (var problem in problems)
            {
                var medians = ParallelBench.RegretWorkers.Select(w => Summary.Median([.. Enumerable.Range(0, seeds).Select(s => ParallelBench.Regret(algorithm, problem, s, w, budget))])).ToArray();
                rows.Add([$"{algorithm} on {problem.Name}", .. medians.Select((m, i) => i == 0 ? Markdown.Score(m) : $"{Markdown.Score(m)} ({Markdown.Signed(Math.Log10(m / medians[0]))})")]);
            }
        }

        text.AppendLine(Markdown.Table(["algorithm and problem", .. ParallelBench.RegretWorkers.Select(w => $"{w} worker{(w > 1 ? "s" : string.Empty)}")], rows));
        return text.ToString();
    }
}
