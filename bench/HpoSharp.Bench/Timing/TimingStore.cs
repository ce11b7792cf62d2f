using System.Text.Json.Nodes;

namespace HpoSharp.Bench.Timing;

/// <summary>
/// The HpoSharp timings of the last timing run (suggestion overhead cases and throughput efficiencies), with when and
/// under what load they were measured, kept in a JSON file so that a report made later without timing runs
/// (<c>--no-timing</c>) still shows them. Optuna's timings of the same run are in the Optuna cache.
/// </summary>
/// <param name="MeasuredAt">When the timing run started (UTC).</param>
/// <param name="Note">What the report says about the machine's load during the run.</param>
/// <param name="Overhead">One object per overhead case (see <see cref="OverheadCase"/>).</param>
/// <param name="Throughput">Efficiency by algorithm and number of workers.</param>
/// <param name="Processor">The processor the run was timed on; null in files written before it was recorded.</param>
public sealed record TimingStore(DateTimeOffset MeasuredAt, string Note, IReadOnlyList<JsonObject> Overhead, IReadOnlyDictionary<string, IReadOnlyDictionary<int, double>> Throughput, string? Processor)
{
    /// <summary>
    /// The report's line about the timing run: when, on which processor (a report made later with <c>--no-timing</c> may
    /// run on another machine than the timings) and under what load.
    /// </summary>
    public string Describe() =>
        $"Timing runs (overhead, throughput) of {MeasuredAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC on {Processor ?? "a processor not recorded"}: {Note}";

    /// <summary>Writes the timings to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        var throughput = new JsonObject();
        foreach (var (algorithm, byWorkers) in Throughput)
        {
            throughput[algorithm] = new JsonObject(byWorkers.Select(kv => KeyValuePair.Create(kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)kv.Value)));
        }

        var node = new JsonObject
        {
            ["measured_at"] = MeasuredAt.ToString("O"),
            ["note"] = Note,
            ["processor"] = Processor,
            ["overhead"] = new JsonArray([.. Overhead.Select(c => c.DeepClone())]),
            ["throughput"] = throughput,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Reads the timings at <paramref name="path"/>, or null when there are none.</summary>
    public static TimingStore? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var throughput = node["throughput"]!.AsObject().ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyDictionary<int, double>)kv.Value!.AsObject().ToDictionary(w => int.Parse(w.Key, System.Globalization.CultureInfo.InvariantCulture), w => w.Value!.GetValue<double>()));
        return new TimingStore(
            DateTimeOffset.Parse(node["measured_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            node["note"]!.GetValue<string>(),
            [.. node["overhead"]!.AsArray().Select(c => c!.AsObject())],
            throughput,
            node["processor"]?.GetValue<string>());
    }
}
