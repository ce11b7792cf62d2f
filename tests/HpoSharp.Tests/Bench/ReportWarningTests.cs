using HpoSharp.Bench;
using HpoSharp.Bench.Metrics;
using HpoSharp.Bench.Problems;
using HpoSharp.Bench.Problems.RealData;
using HpoSharp.Bench.Report;
using HpoSharp.Bench.Running;

namespace HpoSharp.Tests.Bench;

/// <summary>The report itself, not only the console, says when a real-data run went below the task's recorded f*.</summary>
public sealed class ReportWarningTests
{
    [Fact]
    public void ARunBelowTheRecordedOptimumOfARealDataTaskIsWarnedAboutInTheReport()
    {
        var problem = ProblemCatalog.Get("real-logreg-breast-cancer");
        var optimum = RealTasks.ReferenceOptimum[problem.Name];

        var below = Report(problem, seed => seed == 3 ? optimum - 1e-3 : optimum + 1e-3);
        var above = Report(problem, _ => optimum + 1e-3);

        Assert.Contains($"**Warning:** a run reached {optimum - 1e-3:R} on real-logreg-breast-cancer, below its recorded f* {optimum:R}", below);
        Assert.DoesNotContain("Warning", above);
    }

    private static string Report(Problem problem, Func<int, double> value)
    {
        var folder = Directory.CreateTempSubdirectory("hposharp-report-").FullName;
        try
        {
            var results = new ResultSet();
            for (var seed = 0; seed < 5; seed++)
            {
                var builder = new RunTraceBuilder();
                builder.Add([value(seed)], [value(seed)]);
                results.Add(new Column("HpoSharp", "random", "1"), problem.Name, seed, 10, builder.Build(0));
            }

            var output = Path.Combine(folder, "BENCHMARKS.md");
            ReportWriter.Write(BenchArgs.Parse(["--out", output, "--budgets", "10"]), "test", results, [problem], null, null, "none");
            return File.ReadAllText(output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
