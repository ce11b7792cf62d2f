using System.Text.Json.Nodes;
using HpoSharp.Bench.Metrics;

namespace HpoSharp.Bench.Running;

/// <summary>
/// Reads the Optuna results that <c>bench/optuna/run_optuna.py</c> caches: <c>VERSION/SAMPLER/PROBLEM.json</c>, each with
/// the Optuna version and commit, the sampler, the problem, the budget, and per seed the number of trials, the seconds
/// taken and the trace points <c>[at, observed, true]</c>.
/// </summary>
public static class OptunaCache
{
    /// <summary>Adds every cached run under <paramref name="folder"/> whose sampler is wanted (all when the list is empty) to <paramref name="results"/>.</summary>
    public static void Load(string folder, IReadOnlyCollection<string> samplers, IReadOnlyCollection<string> problems, ResultSet results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var node = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            if (node["runs"] is not JsonObject runs || node["sampler"] is null)
            {
                continue;
            }

            var sampler = node["sampler"]!.GetValue<string>();
            var problem = node["problem"]!.GetValue<string>();
            if ((samplers.Count > 0 && !samplers.Contains(sampler)) || !problems.Contains(problem))
            {
                continue;
            }

            var column = new Column("Optuna", sampler, VersionOf(node));
            var budget = node["budget"]!.GetValue<int>();
            foreach (var (seed, run) in runs)
            {
                results.Add(column, problem, int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture), budget, Trace(run!.AsObject()));
            }
        }
    }

    /// <summary>The version label: Optuna's version, with the first 7 characters of its commit when run from source.</summary>
    public static string VersionOf(JsonObject node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var version = node["optuna_version"]!.GetValue<string>();
        return node["optuna_commit"]?.GetValue<string>() is { } commit ? $"{version}@{commit[..7]}" : version;
    }

    /// <summary>Reads one run.</summary>
    public static RunTrace Trace(JsonObject run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var points = run["points"]!.AsArray().Select(p => new TracePoint(
            p![0]!.GetValue<int>(),
            [.. p[1]!.AsArray().Select(v => v!.GetValue<double>())],
            [.. p[2]!.AsArray().Select(v => v!.GetValue<double>())])).ToList();
        return new RunTrace(run["trials"]!.GetValue<int>(), points, run["seconds"]!.GetValue<double>());
    }
}
