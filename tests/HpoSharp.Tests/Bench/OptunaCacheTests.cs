using System.Text.Json.Nodes;
using HpoSharp.Bench.Problems;
using HpoSharp.Bench.Problems.RealData;
using HpoSharp.Bench.Running;

namespace HpoSharp.Tests.Bench;

public sealed class OptunaCacheTests
{
    [Fact]
    public void NoCommittedOptunaRunGoesBelowTheRecordedOptimumOfARealDataTask()
    {
        var cache = Path.Combine(RepositoryRoot(), "bench", "optuna", "cache");
        var results = new ResultSet();

        OptunaCache.Load(cache, [], [.. RealTasks.ReferenceOptimum.Keys], results);

        Assert.NotEmpty(results.Columns);
        foreach (var (task, optimum) in RealTasks.ReferenceOptimum)
        {
            Assert.True(results.LowestValue(task) >= optimum, $"{task}: a cached run reached {results.LowestValue(task):R}, below f* {optimum:R}.");
        }
    }

    [Fact]
    public void ACachedRunIsReadBackAndScoredLikeAnHpoSharpRun()
    {
        var folder = Directory.CreateTempSubdirectory("hposharp-cache-").FullName;
        try
        {
            var problem = ProblemCatalog.Get("bbob-f1-sphere-2d");
            var optimum = problem.Create(1).Optimum;
            var file = Path.Combine(folder, "5.0.0.dev-1d8ce7b", "tpe", "bbob-f1-sphere-2d.json");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var runs = new JsonObject
            {
                ["1"] = new JsonObject { ["trials"] = 200, ["seconds"] = 1.5, ["points"] = new JsonArray(Point(1, optimum + 4), Point(30, optimum + 0.5)) },
                ["0"] = new JsonObject { ["trials"] = 200, ["seconds"] = 1.0, ["points"] = new JsonArray(Point(1, problem.Create(0).Optimum + 2)) },
            };
            File.WriteAllText(file, new JsonObject
            {
                ["optuna_version"] = "5.0.0.dev",
                ["optuna_commit"] = "1d8ce7bb6f3c7274a7a31a0a007991995085baa7",
                ["cmaes_version"] = "0.13.1",
                ["sampler"] = "tpe",
                ["problem"] = "bbob-f1-sphere-2d",
                ["budget"] = 200,
                ["runs"] = runs,
            }.ToJsonString());
            var results = new ResultSet();

            OptunaCache.Load(folder, [], ["bbob-f1-sphere-2d"], results);

            var column = Assert.Single(results.Columns);
            Assert.Equal(new Column("Optuna", "tpe", "5.0.0.dev@1d8ce7b"), column);
            Assert.Equal([0, 1], results.Seeds(column, problem.Name));
            Assert.Equal([2, 4], results.Scores(column, problem, 25)!.Select(v => Math.Round(v, 9)));
            Assert.Equal([2, 0.5], results.Scores(column, problem, 200)!.Select(v => Math.Round(v, 9)));
            Assert.Null(results.Scores(column, problem, 300));
            var none = new ResultSet();
            OptunaCache.Load(folder, ["random"], ["bbob-f1-sphere-2d"], none);
            Assert.Empty(none.Columns);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static JsonArray Point(int at, double value) => new(at, new JsonArray(value), new JsonArray(value));

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "HpoSharp.slnx")))
        {
            folder = folder.Parent ?? throw new InvalidOperationException($"No HpoSharp.slnx above {AppContext.BaseDirectory}.");
        }

        return folder.FullName;
    }
}
