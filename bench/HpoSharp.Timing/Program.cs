using System.Diagnostics;
using System.Globalization;
using HpoSharp;
using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;

// Times suggestions after N completed trials of a D-dimensional sphere, pre-loaded with Study.AddTrial.
// Usage: dotnet run -c Release --project bench/HpoSharp.Timing -- [--algorithms tpe,tpe-univariate,anneal]
//        [--dimensions 2,10,50] [--trials 10,100,1000,10000] [--repeats 20]
var settings = new Dictionary<string, string>
{
    ["--algorithms"] = "tpe,tpe-univariate",
    ["--dimensions"] = "2,10,50",
    ["--trials"] = "10,100,1000,10000",
    ["--repeats"] = "20",
};
for (var i = 0; i < args.Length; i += 2)
{
    if (!settings.ContainsKey(args[i]) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"Unknown option or missing value: {args[i]}. Options: {string.Join(", ", settings.Keys)}.");
        return 1;
    }

    settings[args[i]] = args[i + 1];
}

int[] Ints(string key) => [.. settings[key].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))];
var repeats = int.Parse(settings["--repeats"], CultureInfo.InvariantCulture);
Console.WriteLine($"Time per suggestion (Ask + Tell), median of {repeats} after 3 warm-up suggestions; {Environment.ProcessorCount} cores, .NET {Environment.Version}.");
Console.WriteLine();
Console.WriteLine("| algorithm | dimensions | trials | median µs | 90th percentile µs |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var algorithm in settings["--algorithms"].Split(','))
{
    foreach (var dimensions in Ints("--dimensions"))
    {
        foreach (var trials in Ints("--trials"))
        {
            var times = Measure(algorithm, dimensions, trials, repeats);
            Array.Sort(times);
            Console.WriteLine($"| {algorithm} | {dimensions} | {trials:N0} | {times[times.Length / 2]:F1} | {times[(int)(0.9 * (times.Length - 1))]:F1} |");
        }
    }
}

return 0;

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

    var times = new double[repeats];
    for (var r = -3; r < repeats; r++)
    {
        var watch = Stopwatch.StartNew();
        var trial = study.Ask();
        study.Tell(trial.Number, Enumerable.Range(0, dimensions).Sum(d => Math.Pow(trial.HyperParameters.GetDouble($"x{d}"), 2)));
        if (r >= 0)
        {
            times[r] = watch.Elapsed.TotalMicroseconds;
        }
    }

    return times;
}
