using System.Diagnostics;
using System.Text.Json.Nodes;
using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Bench.Timing;

/// <summary>
/// One suggestion-overhead measurement, run in a process of its own so that its peak memory is its own: a study of a
/// D-dimensional sphere is pre-loaded with N completed trials (<see cref="Study.AddTrial(IReadOnlyDictionary{string, object?}, double)"/>),
/// then a batch of Ask-and-Tell pairs is timed; the median time per pair and the process's peak resident memory are reported.
/// </summary>
public static class OverheadCase
{
    /// <summary>Measures and returns the result as one JSON object.</summary>
    public static JsonObject Measure(string algorithm, int dims, int trials, int batch)
    {
        HPSpace[] space = [.. Enumerable.Range(0, dims).Select(i => new RangeHP($"x{i}", -5, 5))];
        Run(algorithm, space, 30, 10);
        var times = Run(algorithm, space, trials, batch);
        return new JsonObject
        {
            ["algorithm"] = algorithm,
            ["dims"] = dims,
            ["trials"] = trials,
            ["batch"] = batch,
            ["median_seconds"] = Stats.Summary.Median(times),
            ["peak_bytes"] = PeakBytes(),
        };
    }

    /// <summary>The peak resident memory of this process (VmHWM), or the current working set where /proc is missing.</summary>
    public static long PeakBytes()
    {
        const string status = "/proc/self/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? Environment.WorkingSet : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    private static double[] Run(string algorithm, HPSpace[] space, int trials, int batch)
    {
        var study = new Study(HpoRegistry.Build(algorithm, space), new StudyOptions { Seed = 1, MaxEvaluations = null });
        var rng = new RandomStream(0, 0);
        for (var t = 0; t < trials; t++)
        {
            var x = space.Select(_ => rng.NextDouble(-5, 5)).ToArray();
            study.AddTrial(space.Select((p, i) => KeyValuePair.Create(p.Name, (object?)x[i])).ToDictionary(), x.Sum(v => v * v));
        }

        return TimedAsks(study, batch);
    }

    /// <summary>The seconds of each of <paramref name="count"/> asks and tells of the sphere over <paramref name="study"/>'s real parameters.</summary>
    public static double[] TimedAsks(Study study, int count) => TimedAsks(study, count, hps => [hps.Values.Sum(v => (double)v * (double)v)]);

    /// <summary>The seconds of each of <paramref name="count"/> asks and tells of <paramref name="study"/>, told the values of <paramref name="objective"/>.</summary>
    public static double[] TimedAsks(Study study, int count, Func<HyperParameters, double[]> objective)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(objective);
        var times = new double[count];
        for (var b = 0; b < count; b++)
        {
            var watch = Stopwatch.StartNew();
            var trial = study.Ask();
            study.Tell(trial.Number, objective(trial.HyperParameters));
            times[b] = watch.Elapsed.TotalSeconds;
        }

        return times;
    }
}
