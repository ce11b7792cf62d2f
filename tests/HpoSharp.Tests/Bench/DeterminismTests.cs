using HpoSharp.Bench.Problems;
using HpoSharp.Bench.Running;
using HpoSharp.Bench.Timing;

namespace HpoSharp.Tests.Bench;

public sealed class DeterminismTests
{
    [Theory]
    [InlineData("random", "noisy-mixed-network-8d")]
    [InlineData("quasi", "dtlz2-3obj-7d")]
    [InlineData("grid", "conditional-model-12d")]
    public void ARunIsAFunctionOfItsSeed(string algorithm, string name)
    {
        var problem = ProblemCatalog.Get(name);

        var (first, second, other) = (HpoSharpRunner.Run(algorithm, problem, 4, 60), HpoSharpRunner.Run(algorithm, problem, 4, 60), HpoSharpRunner.Run(algorithm, problem, 5, 60));

        Assert.Equal(first.Points.Select(p => (p.At, p.Observed[0], p.True[^1])), second.Points.Select(p => (p.At, p.Observed[0], p.True[^1])));
        Assert.NotEqual(first.Points.Select(p => p.True[0]), other.Points.Select(p => p.True[0]));
    }

    [Fact]
    public void TheParallelRegretSimulationIsDeterministicAndRunsEveryEvaluation()
    {
        var problem = ProblemCatalog.Get("log-rosenbrock-4d");

        Assert.Equal(ParallelBench.Regret("random", problem, 1, 4, 40), ParallelBench.Regret("random", problem, 1, 4, 40));
        Assert.Equal(ParallelBench.Regret("random", problem, 1, 1, 40), HpoSharpRunner.Run("random", problem, 1, 40).Regret(40, problem.Create(1).Optimum));
    }
}
