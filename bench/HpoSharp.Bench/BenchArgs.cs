using System.Globalization;

namespace HpoSharp.Bench;

/// <summary>The command line of the suite. Every option has a default; an unknown or malformed option is an error naming it.</summary>
public sealed class BenchArgs
{
    /// <summary>The command: report (default), timing, separable, mo-overhead, serve, reference, overhead-one.</summary>
    public string Command { get; private init; } = "report";

    /// <summary>A few problems, seeds and budgets, no Optuna, no timing: the smoke test.</summary>
    public bool Quick { get; private init; }

    /// <summary>The problem families or problem names to run (empty for all).</summary>
    public IReadOnlyList<string> Only { get; private init; } = [];

    /// <summary>The HpoSharp algorithms to run (empty for every registered one); every cached Optuna column is shown beside them unless <c>--optuna</c> selects some.</summary>
    public IReadOnlyList<string> Algorithms { get; private init; } = [];

    /// <summary>The Optuna samplers shown (empty for every cached one).</summary>
    public IReadOnlyList<string> OptunaSamplers { get; private init; } = [];

    /// <summary>Seeds for HpoSharp's algorithms.</summary>
    public int Seeds { get; private init; } = 25;

    /// <summary>The single-objective budgets, in increasing order without repeats (the report's headline is at the second largest).</summary>
    public IReadOnlyList<int> Budgets { get; private init; } = [25, 50, 100, 200];

    /// <summary>The multi-objective budget.</summary>
    public int MultiObjectiveBudget { get; private init; } = 300;

    /// <summary>Where the report goes: docs/BENCHMARKS.md for the full suite, bench/out/BENCHMARKS.md for a partial one (quick, or selected families or algorithms).</summary>
    public string Output { get; private init; } = "docs/BENCHMARKS.md";

    /// <summary>The Optuna cache folder.</summary>
    public string Cache { get; private init; } = "bench/optuna/cache";

    /// <summary>Where the HpoSharp timings of the last timing run are kept.</summary>
    public string Timings { get; private init; } = "bench/results/timings.json";

    /// <summary>Skip the timing runs (suggestion overhead and throughput).</summary>
    public bool NoTiming { get; private init; }

    /// <summary>How many runs go in parallel.</summary>
    public int Jobs { get; private init; } = 2;

    /// <summary>A source checkout of the newest Optuna for the timing runs (default: the OPTUNA_PATH environment variable).</summary>
    public string? OptunaPath { get; private init; } = Environment.GetEnvironmentVariable("OPTUNA_PATH");

    /// <summary>Options of <c>overhead-one</c>: algorithm, dimensions, preloaded trials, timed suggestions.</summary>
    public (string Algorithm, int Dimensions, int Trials, int Batch) OverheadCase { get; private init; }

    /// <summary>Parses <paramref name="args"/>.</summary>
    public static BenchArgs Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new BenchArgs();
        var i = 0;
        if (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            result = new BenchArgs { Command = args[0] };
            i = 1;
        }

        for (; i < args.Length; i++)
        {
            var option = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {option} needs a value.");
            result = option switch
            {
                "--quick" => result.With(quick: true),
                "--only" => result.With(only: List(Next())),
                "--algorithms" => result.With(algorithms: List(Next())),
                "--optuna" => result.With(optuna: List(Next())),
                "--seeds" => result.With(seeds: Int(option, Next())),
                "--budgets" => result.With(budgets: [.. List(Next()).Select(b => Int(option, b)).Distinct().Order()]),
                "--mo-budget" => result.With(moBudget: Int(option, Next())),
                "--out" => result.With(output: Next()),
                "--cache" => result.With(cache: Next()),
                "--no-timing" => result.With(noTiming: true),
                "--jobs" => result.With(jobs: Int(option, Next())),
                "--case" => result.With(overheadCase: ParseCase(Next())),
                "--optuna-path" => result.With(optunaPath: Next()),
                _ => throw new ArgumentException($"Unknown option '{option}'. Options: --quick, --only, --algorithms, --optuna, --seeds, --budgets, --mo-budget, --out, --cache, --no-timing, --jobs, --case, --optuna-path."),
            };
        }

        if (!args.Contains("--out") && (result.Quick || result.Only.Count > 0 || result.Algorithms.Count > 0 || result.OptunaSamplers.Count > 0))
        {
            result = result.With(output: "bench/out/BENCHMARKS.md");
        }

        return result.Quick ? result.With(seeds: Math.Min(result.Seeds, 2), budgets: [10, 20], moBudget: 30, noTiming: true) : result;
    }

    private BenchArgs With(bool? quick = null, IReadOnlyList<string>? only = null, IReadOnlyList<string>? algorithms = null, IReadOnlyList<string>? optuna = null, int? seeds = null, IReadOnlyList<int>? budgets = null, int? moBudget = null, string? output = null, string? cache = null, bool? noTiming = null, int? jobs = null, (string, int, int, int)? overheadCase = null, string? optunaPath = null) => new()
    {
        Command = Command,
        Quick = quick ?? Quick,
        Only = only ?? Only,
        Algorithms = algorithms ?? Algorithms,
        OptunaSamplers = optuna ?? OptunaSamplers,
        Seeds = seeds ?? Seeds,
        Budgets = budgets ?? Budgets,
        MultiObjectiveBudget = moBudget ?? MultiObjectiveBudget,
        Output = output ?? Output,
        Cache = cache ?? Cache,
        Timings = Timings,
        NoTiming = noTiming ?? NoTiming,
        Jobs = jobs ?? Jobs,
        OverheadCase = overheadCase ?? OverheadCase,
        OptunaPath = optunaPath ?? OptunaPath,
    };

    private static string[] List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Int(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"Option {option} takes a positive integer, not '{value}'.");

    private static (string, int, int, int) ParseCase(string value)
    {
        var parts = List(value);
        return parts.Length == 4
            ? (parts[0], Int("--case", parts[1]), Int("--case", parts[2]), Int("--case", parts[3]))
            : throw new ArgumentException($"Option --case takes algorithm,dimensions,trials,batch, not '{value}'.");
    }
}
