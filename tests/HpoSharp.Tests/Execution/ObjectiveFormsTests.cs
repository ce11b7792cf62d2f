using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Execution;

public sealed class ObjectiveFormsTests
{
    [Fact]
    public async Task OptimizeAndOptimizeAsyncTakeEverySingleObjectiveFormDirectly()
    {
        StudyResult[] results =
        [
            Study(1).Optimize(Seed, 1),
            Study(1).Optimize(c => X(c) + c.GetDataset<int>(), 1),
            Study(1).Optimize(async c => await Later(X(c) + 1)),
            await Study(1).OptimizeAsync(Seed, 1),
            await Study(1).OptimizeAsync(c => X(c) + 1),
            await Study(1).OptimizeAsync(async c => await Later(X(c) + 1)),
        ];

        var expected = results[0].Trials.Select(t => t.Value).ToArray();
        Assert.Equal(5, expected.Length);
        Assert.All(expected, v => Assert.InRange(v, 0, 2));
        Assert.All(results, r => Assert.Equal(expected, r.Trials.Select(t => t.Value)));
    }

    [Fact]
    public async Task OptimizeAndOptimizeAsyncTakeEveryMultiObjectiveFormDirectly()
    {
        StudyResult[] results =
        [
            Study(2).Optimize(c => new[] { X(c), -X(c) }),
            Study(2).Optimize(async c => await Later(new[] { X(c), -X(c) })),
            await Study(2).OptimizeAsync(c => new[] { X(c), -X(c) }),
            await Study(2).OptimizeAsync(async c => await Later(new[] { X(c), -X(c) })),
        ];

        var expected = results[0].Trials.Select(t => t.Values.ToArray()).ToArray();
        Assert.Equal(5, expected.Length);
        Assert.All(expected, v => Assert.Equal(-v[0], v[1]));
        Assert.All(results, r => Assert.Equal(expected, r.Trials.Select(t => t.Values.ToArray())));
    }

    private static double Seed(HyperParameters hps, object? dataset) => hps.GetDouble("x") + (int)dataset!;

    private static double X(TrialContext context) => context.HyperParameters.GetDouble("x");

    private static async Task<T> Later<T>(T value)
    {
        await Task.Yield();
        return value;
    }

    private static Study Study(int objectives) => new(
        HpoRegistry.Build("random", TestSpaces.Small()),
        new StudyOptions { Seed = 3, MaxEvaluations = 5, MaxParallelism = 1, Directions = [.. Enumerable.Repeat(Direction.Minimize, objectives)] });
}
