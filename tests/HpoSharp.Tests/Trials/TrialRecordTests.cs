using HpoSharp.Trials;

namespace HpoSharp.Tests.Trials;

public sealed class TrialRecordTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ATrialWritesItsValuesTheSameInEveryCulture() =>
        CommaCulture.Run(() => Assert.Equal("Trial 3 Complete 0.25, -1.5", new Trial { Number = 3, State = TrialState.Complete, Values = [0.25, -1.5] }.ToString()));

    [Fact]
    public void ATrialsValueIsItsFirstObjectiveAndItsDurationNeedsAStart()
    {
        Assert.Equal(2.0, new Trial { Values = [2.0, 5.0] }.Value);
        Assert.True(double.IsNaN(new Trial().Value));
        Assert.Equal(TimeSpan.FromSeconds(3), new Trial { Started = T0, Finished = T0.AddSeconds(3) }.Duration);
        Assert.Null(new Trial { Finished = T0 }.Duration);
    }

    [Fact]
    public void PerformanceIsNaNUnlessTheTrialIsCompleteWithThatObjective()
    {
        var history = new TrialHistory([], [Direction.Minimize, Direction.Maximize]);
        var complete = new Trial { State = TrialState.Complete, Values = [2.0, 5.0] };
        Assert.Equal((-2.0, 5.0), (history.Perf(complete), history.Perf(complete, 1)));
        Assert.True(double.IsNaN(history.Perf(complete, 2)));
        Assert.True(double.IsNaN(history.Perf(new Trial { State = TrialState.Pruned, Values = [2.0, 5.0] })));
    }

    [Fact]
    public void OnlyCompleteTrialsCountAsCompleted()
    {
        Trial[] trials =
        [
            new() { Number = 0, State = TrialState.Complete, Values = [1.0] },
            new() { Number = 1, State = TrialState.Pruned, Values = [0.5] },
            new() { Number = 2, State = TrialState.Failed },
        ];
        var history = new TrialHistory(trials, [Direction.Minimize]);
        Assert.Equal([0], history.Completed.Select(t => t.Number));
        Assert.Equal([0], Pareto.Front(history).Select(t => t.Number));
    }

    [Fact]
    public void AHistoryNeedsADirection()
    {
        Assert.StartsWith("A study needs at least one direction.", Assert.Throws<ArgumentException>(() => new TrialHistory([], [])).Message);
    }

    [Fact]
    public void ASingleObjectiveFrontIsEmptyWithoutCompleteTrials()
    {
        Assert.Empty(Pareto.Front(new TrialHistory([new Trial { State = TrialState.Running }], [Direction.Maximize])));
    }
}
