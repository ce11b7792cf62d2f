using System.Diagnostics;
using System.Text.Json.Nodes;

namespace HpoSharp.Bench.Timing;

/// <summary>Runs every suggestion-overhead case of the HpoSharp algorithms, each in a child process (<c>overhead-one</c>).</summary>
public static class OverheadSuite
{
    /// <summary>The completed-trial counts measured.</summary>
    public static readonly int[] TrialCounts = [10, 100, 300, 1_000, 10_000];

    /// <summary>The dimensions measured.</summary>
    public static readonly int[] Dimensions = [2, 10, 50];

    /// <summary>The largest trial count of algorithms not meant for more (a Gaussian process grows cubically).</summary>
    public static readonly IReadOnlyDictionary<string, int> Caps = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["bayes"] = 1_000 };

    /// <summary>Measures every case; a case whose process fails (e.g. a grid too large to index) is reported with its error.</summary>
    public static List<JsonObject> Run(IReadOnlyList<string> algorithms, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        ArgumentNullException.ThrowIfNull(log);
        var results = new List<JsonObject>();
        foreach (var algorithm in algorithms)
        {
            foreach (var dims in Dimensions)
            {
                foreach (var trials in TrialCounts.Where(n => n <= Caps.GetValueOrDefault(algorithm, int.MaxValue)))
                {
                    var result = Child(algorithm, dims, trials, trials <= 1_000 ? 20 : 10);
                    results.Add(result);
                    log.WriteLine($"  {algorithm,-10} d={dims,-3} n={trials,-6} {(result["error"] is { } e ? $"failed: {e}" : $"{result["median_seconds"]!.GetValue<double>() * 1e6,10:F1} µs  peak {result["peak_bytes"]!.GetValue<long>() / 1048576.0,7:F1} MiB")}");
                }
            }
        }

        return results;
    }

    private static JsonObject Child(string algorithm, int dims, int trials, int batch)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(OverheadSuite).Assembly.Location);
        }

        foreach (var argument in new[] { "overhead-one", "--case", $"{algorithm},{dims},{trials},{batch}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill();
            return new JsonObject { ["algorithm"] = algorithm, ["dims"] = dims, ["trials"] = trials, ["error"] = "timed out after 10 minutes" };
        }

        var lines = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return process.ExitCode == 0 && lines.Length > 0
            ? JsonNode.Parse(lines[^1])!.AsObject()
            : new JsonObject { ["algorithm"] = algorithm, ["dims"] = dims, ["trials"] = trials, ["error"] = error.Result.Split('\n').FirstOrDefault(l => l.Length > 0) ?? $"exit code {process.ExitCode}" };
    }
}
