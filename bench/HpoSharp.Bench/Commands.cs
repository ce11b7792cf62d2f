using System.Diagnostics;
using System.Text.Json.Nodes;
using HpoSharp.Bench.Problems;
using HpoSharp.Bench.Report;
using HpoSharp.Bench.Running;
using HpoSharp.Bench.Serve;
using HpoSharp.Bench.Timing;

namespace HpoSharp.Bench;

/// <summary>The commands of the suite.</summary>
public static class Commands
{
    /// <summary>The algorithms of the <c>reference</c> command's own search.</summary>
    private static readonly string[] ReferenceAlgorithms = ["quasi", "random", "tpe", "cmaes"];

    /// <summary>Runs the command of <paramref name="options"/>; <paramref name="command"/> is the command line to quote in the report.</summary>
    public static void Run(BenchArgs options, string command, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Command)
        {
            case "report":
                Report(options, command, log);
                break;
            case "serve":
                ServeLoop.Run(Console.In, Console.Out);
                break;
            case "overhead-one":
                var (algorithm, dims, trials, batch) = options.OverheadCase;
                Console.WriteLine(OverheadCase.Measure(algorithm ?? throw new ArgumentException("overhead-one needs --case algorithm,dims,trials,batch."), dims, trials, batch).ToJsonString());
                break;
            case "reference":
                Reference(options, log);
                break;
            case "timing":
                Time(options, HpoSharpSuite.Algorithms(options.Algorithms), log);
                break;
            case "separable":
                SeparableTiming.Run(options, Console.Out);
                break;
            case "mo-overhead":
                MultiObjectiveTiming.Run(options, Console.Out);
                break;
            default:
                throw new ArgumentException($"Unknown command '{options.Command}'. Commands: report (default), timing, separable, mo-overhead, serve, overhead-one, reference.");
        }
    }

    /// <summary>Runs the suite and writes the report.</summary>
    public static void Report(BenchArgs options, string command, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var problems = ProblemCatalog.Select(options.Only, options.Quick);
        var algorithms = HpoSharpSuite.Algorithms(options.Algorithms);
        var results = new ResultSet();
        var runs = algorithms.Sum(a => problems.Count(p => HpoSharpSuite.Supports(a, p))) * options.Seeds;
        log.WriteLine($"HpoSharp: {runs} runs ({string.Join(", ", algorithms)} on {problems.Count} problems, {options.Seeds} seeds, budget {options.Budgets.Max()} / {options.MultiObjectiveBudget}); "
            + "typically under a minute per 1,000 runs of the cheap algorithms, the real-data problems taking most of it.");
        var watch = Stopwatch.StartNew();
        HpoSharpSuite.Run(algorithms, problems, options.Seeds, options.Budgets.Max(), options.MultiObjectiveBudget, options.Jobs, results, log);
        log.WriteLine($"HpoSharp runs done in {watch.Elapsed.TotalSeconds:F0} s.");
        if (!options.Quick)
        {
            OptunaCache.Load(options.Cache, options.OptunaSamplers, [.. problems.Select(p => p.Name)], results);
        }

        WarnBelowReference(problems, results, log);

        if (!options.NoTiming)
        {
            Time(options, algorithms, log);
        }

        var timing = options.Quick ? null : TimingStore.Load(options.Timings);
        List<(Column, JsonObject)>? overhead = timing is null ? null :
            [.. timing.Overhead.Select(c => (new Column("HpoSharp", c["algorithm"]!.GetValue<string>(), HpoSharpSuite.Version), c)), .. OverheadSection.ReadOptuna(options.Cache)];
        var timingNote = timing?.Describe() ?? "Timing runs (overhead, throughput): none recorded.";
        var parallel = ParallelSection.Write(algorithms, options.Quick ? 2 : 10, options.Quick ? 20 : 100, timing?.Throughput, options.Quick ? [] : ParallelSection.ReadOptuna(options.Cache), log);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
        ReportWriter.Write(options, command, results, problems, overhead, parallel, timingNote);
        log.WriteLine($"Wrote {options.Output}.");
    }

    /// <summary>The timing runs (also the <c>timing</c> command, which makes only them): HpoSharp's overhead and throughput (stored in <see cref="BenchArgs.Timings"/>), then Optuna's overhead (stored in its cache).</summary>
    public static void Time(BenchArgs options, IReadOnlyList<string> algorithms, TextWriter log)
    {
        var started = DateTimeOffset.UtcNow;
        var note = $"1-minute load average {MachineInfo.Load.Split(' ')[0]} at the start on {Environment.ProcessorCount} cores"
            + (MachineInfo.LoadOneMinute > 0.5 ? " — the machine was NOT quiet (other processes shared the cores), so absolute times are inflated; ratios from the same run are the better guide." : " (quiet).");
        log.WriteLine("Suggestion overhead (HpoSharp)...");
        var overhead = OverheadSuite.Run(algorithms, log);
        var throughput = ParallelSection.MeasureThroughput(algorithms, log);
        new TimingStore(started, note, overhead, throughput, MachineInfo.Processor).Save(options.Timings);
        OptunaOverhead(options, log);
    }

    /// <summary>Times Optuna in the same run (suggestion overhead, then throughput): Debian's, and the source checkout when one is given.</summary>
    private static void OptunaOverhead(BenchArgs options, TextWriter log)
    {
        foreach (var path in new[] { null, options.OptunaPath }.Distinct())
        {
            if (path is null && options.OptunaPath is null && !File.Exists("/usr/bin/python3"))
            {
                continue;
            }

            log.WriteLine($"Suggestion overhead and throughput (Optuna {path ?? "from Debian"})...");
            foreach (var mode in new[] { "--overhead", "--throughput" })
            {
                using var process = Process.Start(OptunaScript.Start(path, mode, "--cache", options.Cache))!;
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    log.WriteLine($"  the Optuna timing run {mode} failed (exit code {process.ExitCode}); its cached timings, if any, are used.");
                }
            }
        }
    }

    /// <summary>
    /// Prints, for each real-data task, the lowest loss found by a long search (quasi-random, random, <c>tpe</c> and
    /// <c>cmaes</c>, 2 × 1,024 evaluations each) and by every run in the Optuna cache: the f* to record in
    /// <see cref="Problems.RealData.RealTasks"/>.
    /// </summary>
    private static void Reference(BenchArgs options, TextWriter log)
    {
        var problems = ProblemCatalog.All.Where(p => p.Family == "real-data").ToList();
        var results = new ResultSet();
        OptunaCache.Load(options.Cache, [], [.. problems.Select(p => p.Name)], results);
        foreach (var problem in problems)
        {
            foreach (var algorithm in ReferenceAlgorithms)
            {
                for (var seed = 1000; seed < 1002; seed++)
                {
                    results.Add(new Column("HpoSharp", algorithm, HpoSharpSuite.Version), problem.Name, seed, 1024, HpoSharpRunner.Run(algorithm, problem, seed, 1024));
                }
            }

            log.WriteLine($"{problem.Name}: best {results.LowestValue(problem.Name):R}");
        }

        WarnBelowReference(problems, results, log);
    }

    /// <summary>Warns about each real-data task on which some run went below the recorded f*, which floors and so ties every such run.</summary>
    private static void WarnBelowReference(IEnumerable<Problem> problems, ResultSet results, TextWriter log)
    {
        foreach (var warning in results.BelowReference(problems))
        {
            log.WriteLine($"Warning: {warning}; run the reference command and record its value in RealTasks.ReferenceOptimum.");
        }
    }
}
