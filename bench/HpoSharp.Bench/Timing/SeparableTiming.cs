using System.Globalization;
using System.Text.Json.Nodes;
using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Bench.Timing;

/// <summary>
/// The <c>separable</c> command: the amortised cost of one ask and tell of sep-CMA-ES, HpoSharp's <c>cmaes</c> with
/// <see cref="CmaEsOptions.Separable"/> beside Optuna's <c>CmaEsSampler(use_separable_cma=True)</c> in the same run. A
/// study of the sphere over n parameters in [-5, 5] runs <see cref="Trials"/> asks and tells; the mean of the last
/// <see cref="Timed"/> (updates and decompositions included) is reported, in milliseconds, as a Markdown table.
/// </summary>
public static class SeparableTiming
{
    /// <summary>The numbers of parameters measured.</summary>
    public static readonly int[] Dimensions = [10, 50, 500];

    /// <summary>Asks and tells per study.</summary>
    public const int Trials = 300;

    /// <summary>How many of the last ones are averaged.</summary>
    public const int Timed = 100;

    /// <summary>Measures both sides for every number of parameters and writes the table to <paramref name="output"/>.</summary>
    public static void Run(BenchArgs options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        MeanSeconds(Dimensions[0]);
        var rows = Dimensions.Select(n => (n, Ours: MeanSeconds(n), Theirs: Optuna(options, n))).ToList();
        var version = rows.Select(r => r.Theirs?["version"]?.GetValue<string>()).FirstOrDefault(v => v is not null);
        foreach (var line in Table([.. rows.Select(r => (r.n, r.Ours, r.Theirs?["mean_seconds"]?.GetValue<double>()))], version))
        {
            output.WriteLine(line);
        }
    }

    /// <summary>
    /// The Markdown table of <paramref name="rows"/> (n, HpoSharp's and Optuna's mean seconds, the latter null when it
    /// did not run), with Optuna's <paramref name="version"/> in its header.
    /// </summary>
    public static IEnumerable<string> Table(IReadOnlyList<(int N, double Ours, double? Theirs)> rows, string? version)
    {
        ArgumentNullException.ThrowIfNull(rows);
        yield return $"| n | HpoSharp cmaes, Separable | Optuna {version ?? "(not available)"} CmaEsSampler(use_separable_cma=True) | ratio |";
        yield return "|---:|---:|---:|---:|";
        foreach (var (n, ours, theirs) in rows)
        {
            var their = theirs is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t * 1e3:F3} ms") : "—";
            var ratio = theirs is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r / ours:F0}×") : "—";
            yield return string.Create(CultureInfo.InvariantCulture, $"| {n} | {ours * 1e3:F3} ms | {their} | {ratio} |");
        }
    }

    private static double MeanSeconds(int n)
    {
        SearchSpace space = [.. Enumerable.Range(0, n).Select(i => (HPSpace)new RangeHP($"x{i}", -5, 5))];
        var study = new Study(new CmaEsOptimizer(space, new CmaEsOptions { Separable = true }), new StudyOptions { Seed = 1 });
        return OverheadCase.TimedAsks(study, Trials)[^Timed..].Average();
    }

    /// <summary>Optuna's side, from the Optuna of <see cref="BenchArgs.OptunaPath"/> (or Debian's); null when it cannot run.</summary>
    private static JsonObject? Optuna(BenchArgs options, int n) => OptunaScript.LastLine(options.OptunaPath, "--separable-case", $"{n},{Trials},{Timed}");
}
