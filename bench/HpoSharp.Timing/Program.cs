using System.Diagnostics;
using System.Globalization;
using HpoSharp;
using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;

// Times suggestions after N completed trials of a D-dimensional sphere, pre-loaded with Study.AddTrial, each case in a
// fresh process (as the benchmark suite does), so that no case inherits another's heap or compiled code.
// Usage: dotnet run -c Release --project bench/HpoSharp.Timing -- [--algorithms tpe,tpe-univariate,anneal]
//        [--dimensions 2,10,50] [--trials 10,100,1000,10000] [--repeats 20]
var settings = new Dictionary<string, string>
{
    ["--algorithms"] = "tpe,tpe-univariate",
    ["--dimensions"] = "2,10,50",
    ["--trials"] = "10,100,1000,10000",
    ["--repeats"] = "20",
    ["--case"] = string.Empty,
};
for (var i = 0; i < args.Length; i += 2)
{
    if (!settings.ContainsKey(args[i]) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"Unknown option or missing value: {args[i]}. Options: {string.Join(", ", settings.Keys.Where(k => k != "--case"))}.");
        return 1;
    }

    settings[args[i]] = args[i + 1];
}

var repeats = int.Parse(settings["--repeats"], CultureInfo.InvariantCulture);
if (settings["--case"] is { Length: > 0 } single)
{
    var parts = single.Split(',');
    var times = Measure(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), repeats);
    Array.Sort(times);
    var cpu = Measurement.LastCpuTimes;
    Array.Sort(cpu);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{times[times.Length / 2]:F1} {times[(int)(0.9 * (times.Length - 1))]:F1} {cpu[cpu.Length / 2]:F1}"));
    return 0;
}

int[] Ints(string key) => [.. settings[key].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))];
Console.WriteLine($"Time per suggestion (Ask + Tell), median of {repeats} after 3 warm-up suggestions, each case in a fresh process; {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()} at the start.");
Console.WriteLine();
Console.WriteLine("| algorithm | dimensions | trials | median µs | 90th percentile µs | median thread CPU µs |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var algorithm in settings["--algorithms"].Split(','))
{
    foreach (var dimensions in Ints("--dimensions"))
    {
        foreach (var trials in Ints("--trials"))
        {
            var result = RunCase($"{algorithm},{dimensions},{trials}", repeats).Split(' ');
            Console.WriteLine($"| {algorithm} | {dimensions} | {trials:N0} | {result[0]} | {result[1]} | {result[2]} |");
        }
    }
}

return 0;

static string RunCase(string spec, int repeats)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet")
    {
        start.ArgumentList.Add(typeof(Measurement).Assembly.Location);
    }

    foreach (var argument in new[] { "--case", spec, "--repeats", repeats.ToString(CultureInfo.InvariantCulture) })
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd().Trim();
    process.WaitForExit();
    return process.ExitCode == 0 ? output : "failed failed failed";
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

static double[] Measure(string algorithm, int dimensions, int trials, int repeats)
{
    SearchSpace space = new(Enumerable.Range(0, dimensions).Select(d => (HPSpace)new RangeHP($"x{d}", -5, 5)));
    var optimizer = algorithm == "tpe-univariate" ? new TpeOptimizer(space, new TpeOptions { Multivariate = false }) : HpoRegistry.Build(algorithm, space);
    var study = new Study(optimizer, new StudyOptions { Seed = 1, MaxEvaluations = null });
    var rng = new RandomStream(7);
    for (var t = 0; t < trials; t++)
    {
        var values = new Dictionary<string, object?>();
        var sum = 0.0;
        for (var d = 0; d < dimensions; d++)
        {
            var x = rng.NextDouble(-5, 5);
            values[$"x{d}"] = x;
            sum += x * x;
        }

        study.AddTrial(values, sum);
    }

    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var times = new double[repeats];
    Measurement.LastCpuTimes = new double[repeats];
    for (var r = -3; r < repeats; r++)
    {
        var cpu = Measurement.ThreadCpuMicroseconds();
        var watch = Stopwatch.StartNew();
        var trial = study.Ask();
        study.Tell(trial.Number, Enumerable.Range(0, dimensions).Sum(d => Math.Pow(trial.HyperParameters.GetDouble($"x{d}"), 2)));
        if (r >= 0)
        {
            times[r] = watch.Elapsed.TotalMicroseconds;
            Measurement.LastCpuTimes[r] = Measurement.ThreadCpuMicroseconds() - cpu;
        }
    }

    return times;
}

/// <summary>
/// The CPU time of the measuring thread, which, unlike the wall clock, does not count the time other processes hold
/// the cores (Linux; NaN elsewhere). Also marks this assembly, so a case can run it again in a fresh process.
/// </summary>
internal static partial class Measurement
{
    private const int ThreadCpuClock = 3;

    /// <summary>The thread CPU time of each timed suggestion of the last case.</summary>
    public static double[] LastCpuTimes { get; set; } = [];

    /// <summary>The CPU time the current thread has used, in microseconds.</summary>
    public static double ThreadCpuMicroseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        return ClockGetTime(ThreadCpuClock, out var time) == 0 ? (time.Seconds * 1e6) + (time.Nanoseconds / 1e3) : double.NaN;
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    private readonly struct TimeSpec
    {
        public readonly long Seconds;
        public readonly long Nanoseconds;
    }
}
