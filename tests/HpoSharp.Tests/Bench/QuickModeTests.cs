using HpoSharp.Bench;

namespace HpoSharp.Tests.Bench;

/// <summary>The smoke test of the benchmark suite: its quick mode, in-process, writing the report to a temporary folder.</summary>
public sealed class QuickModeTests
{
    [Fact]
    public void TheQuickModeWritesAReportWithEveryRegisteredAlgorithm()
    {
        var folder = Directory.CreateTempSubdirectory("hposharp-quick-").FullName;
        try
        {
            var output = Path.Combine(folder, "BENCHMARKS.md");
            var log = new StringWriter();

            // Every algorithm the library registers; the conformance kit's deliberately naive test optimizer is left out.
            var algorithms = string.Join(",", HpoRegistry.Names.Where(n => n != Optimizers.CustomOptimizer.Name));
            Commands.Run(BenchArgs.Parse(["--quick", "--out", output, "--jobs", "1", "--algorithms", algorithms]), "quick", log);

            var report = File.ReadAllText(output);
            Assert.Contains("## Summary: wins, losses and no difference", report);
            Assert.Contains("### continuous", report);
            Assert.Contains("### multi-objective", report);
            Assert.Contains("| bbob-f1-sphere-2d (T) |", report);
            Assert.All(algorithms.Split(','), n => Assert.Contains($"**{n}**<br>HpoSharp", report));
            Assert.Contains("Not measured in this run", report);
            Assert.True(File.Exists(Path.Combine(folder, "benchmarks", "regret-zdt1-8d.png")));
            Assert.DoesNotContain("<br>Optuna", report);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void BadOptionsAreNamed()
    {
        Assert.Contains("--frobnicate", Assert.Throws<ArgumentException>(() => BenchArgs.Parse(["--frobnicate"])).Message);
        Assert.Contains("positive integer, not 'zero'", Assert.Throws<ArgumentException>(() => BenchArgs.Parse(["--seeds", "zero"])).Message);
        Assert.Contains("Unknown algorithm(s) nope", Assert.Throws<ArgumentException>(() => HpoSharp.Bench.Running.HpoSharpSuite.Algorithms(["nope"])).Message);
        Assert.Equal("bench/out/BENCHMARKS.md", BenchArgs.Parse(["--only", "continuous"]).Output);
        Assert.Equal("docs/BENCHMARKS.md", BenchArgs.Parse([]).Output);
    }

    [Fact]
    public void BudgetsAreSortedSoThatTheHeadlineAndTheShownTableAreAtTheRightOnes()
    {
        Assert.Equal([25, 50, 100, 200], BenchArgs.Parse(["--budgets", "200,50,25,100,50"]).Budgets);
    }
}
