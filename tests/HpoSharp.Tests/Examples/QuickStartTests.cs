using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace HpoSharp.Tests.Examples;

/// <summary>The quick-start example, run as a user runs it, with its defaults; alone, since it writes to the console.</summary>
[Collection(nameof(ConsoleOutput))]
public sealed partial class QuickStartTests
{
    [Fact]
    public void TheQuickStartReportsEveryTrialAndTheBestAmongThem()
    {
        var lines = Run().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Tuning a small network on two moons with 'tpe', 30 evaluations:", lines[0]);
        var trials = lines[1..^1].Select(l => TrialLine().Match(l)).ToList();
        Assert.All(trials, t => Assert.True(t.Success, t.Value));
        Assert.Equal(Enumerable.Range(0, 30), trials.Select(t => int.Parse(t.Groups["number"].Value, CultureInfo.InvariantCulture)).Order());
        var best = BestLine().Match(lines[^1]);
        Assert.True(best.Success, lines[^1]);
        var bestTrial = trials.Single(t => t.Groups["number"].Value == best.Groups["number"].Value);
        Assert.Equal(trials.Max(t => double.Parse(t.Groups["accuracy"].Value, CultureInfo.InvariantCulture)), double.Parse(best.Groups["accuracy"].Value, CultureInfo.InvariantCulture));
        Assert.Equal((bestTrial.Groups["accuracy"].Value, bestTrial.Groups["hps"].Value), (best.Groups["accuracy"].Value, best.Groups["hps"].Value));
        Assert.True(double.Parse(best.Groups["accuracy"].Value, CultureInfo.InvariantCulture) > 0.9, "a tuned network separates the two moons");
    }

    private static string Run()
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            Assembly.Load("QuickStart").EntryPoint!.Invoke(null, [Array.Empty<string>()]);
        }
        finally
        {
            Console.SetOut(console);
        }

        return output.ToString();
    }

    [GeneratedRegex(@"^trial +(?<number>\d+)  Complete  accuracy +(?<accuracy>[\d.]+)  (?<hps>lr=.+, opti=.+, num_layers=\d)$")]
    private static partial Regex TrialLine();

    [GeneratedRegex(@"^best: accuracy (?<accuracy>[\d.]+) with (?<hps>.+) \(trial (?<number>\d+)\)$")]
    private static partial Regex BestLine();
}

/// <summary>Tests that redirect the console, run while no other test runs.</summary>
[CollectionDefinition(nameof(ConsoleOutput), DisableParallelization = true)]
public sealed class ConsoleOutput;
