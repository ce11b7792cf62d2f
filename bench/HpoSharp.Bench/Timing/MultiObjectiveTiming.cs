using System.Globalization;
using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Bench.Timing;

/// <summary>
/// The <c>mo-overhead</c> command: the cost of one ask and tell of a multi-objective study, HpoSharp's algorithms beside
/// their Optuna counterparts in the same run. A study of DTLZ2 with three objectives over <see cref="Dimensions"/>
/// parameters in [0, 1] is preloaded with N complete trials, either uniform ("random": a few of them on the first front)
/// or with every distance parameter at its optimum ("front": all N mutually non-dominated, the costliest case for
/// non-dominated sorting and subset selection); the median of <see cref="Batch"/> asks and tells is reported, in
/// milliseconds, as a Markdown table. Optuna's side shows "—" where it did not run, as for TPESampler before 4.0,
/// which the sample-efficiency runs also leave out on 3 objectives.
/// </summary>
public static class MultiObjectiveTiming
{
    /// <summary>The number of parameters: two place a point on the front, the others are its distance from it.</summary>
    public const int Dimensions = 7;

    /// <summary>Timed asks and tells per case.</summary>
    public const int Batch = 20;

    /// <summary>The preloaded trial counts measured.</summary>
    public static readonly int[] TrialCounts = [100, 300, 1_000];

    /// <summary>The preloads measured.</summary>
    public static readonly string[] Preloads = ["random", "front"];

    /// <summary>Each HpoSharp algorithm and the Optuna sampler it is timed beside.</summary>
    public static readonly (string Ours, string Theirs, string TheirsName)[] Pairs =
        [("tpe", "tpe", "TPESampler"), ("mocmaes", "nsga2", "NSGAIISampler"), ("random", "random", "RandomSampler")];

    /// <summary>Measures both sides of every case and writes the table to <paramref name="output"/>.</summary>
    public static void Run(BenchArgs options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        MedianSeconds("tpe", 30, "random");
        string? version = null;
        var rows = new List<string>();
        foreach (var (ours, theirs, theirsName) in Pairs)
        {
            foreach (var preload in Preloads)
            {
                foreach (var n in TrialCounts)
                {
                    var mine = MedianSeconds(ours, n, preload);
                    var other = OptunaScript.LastLine(options.OptunaPath, "--mo-overhead-case", $"{theirs},{n},{preload},{Dimensions},{Batch}");
                    version ??= other?["version"]?.GetValue<string>();
                    var their = other?["median_seconds"]?.GetValue<double>();
                    rows.Add(Row($"{ours} / {theirsName}", preload, n, mine, their));
                    Console.Error.WriteLine(rows[^1]);
                }
            }
        }

        output.WriteLine($"| HpoSharp / Optuna {version ?? "(not available)"} | preload | trials | HpoSharp | Optuna | time ratio |");
        output.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            output.WriteLine(row);
        }
    }

    /// <summary>One row of the table: HpoSharp's and Optuna's median seconds (null when Optuna did not run) and their ratio.</summary>
    public static string Row(string pair, string preload, int trials, double ours, double? theirs) => string.Create(CultureInfo.InvariantCulture,
        $"| {pair} | {preload} | {trials:N0} | {ours * 1e3:F3} ms | {(theirs is { } t ? $"{t * 1e3:F3} ms" : "—")} | {(theirs is { } r ? $"{ours / r:F3}" : "—")} |");

    /// <summary>DTLZ2 with three objectives (all minimised): x₀ and x₁ place the point, the others add their squared distance from 0.5.</summary>
    public static double[] Dtlz2(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var g = x.Skip(2).Sum(v => (v - 0.5) * (v - 0.5));
        var (a, b) = (x[0] * Math.PI / 2, x[1] * Math.PI / 2);
        return [(1 + g) * Math.Cos(a) * Math.Cos(b), (1 + g) * Math.Cos(a) * Math.Sin(b), (1 + g) * Math.Sin(a)];
    }

    private static double MedianSeconds(string algorithm, int trials, string preload)
    {
        HPSpace[] space = [.. Enumerable.Range(0, Dimensions).Select(i => new RangeHP($"x{i}", 0, 1))];
        var study = new Study(HpoRegistry.Build(algorithm, space), new StudyOptions { Seed = 1, MaxEvaluations = null, Directions = [Direction.Minimize, Direction.Minimize, Direction.Minimize] });
        var rng = new RandomStream(0, 0);
        for (var t = 0; t < trials; t++)
        {
            var x = Enumerable.Range(0, Dimensions).Select(i => preload == "front" && i >= 2 ? 0.5 : rng.NextDouble()).ToArray();
            study.AddTrial(space.Select((p, i) => KeyValuePair.Create(p.Name, (object?)x[i])).ToDictionary(), Dtlz2(x));
        }

        return Stats.Summary.Median(OverheadCase.TimedAsks(study, Batch, hps => Dtlz2([.. space.Select(p => hps.GetDouble(p.Name))])));
    }
}
