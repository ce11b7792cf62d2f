using HpoSharp.Trials;

namespace HpoSharp.Tests.Trials;

public sealed class ParetoTests
{
    [Fact]
    public void FrontIsInTrialNumberOrderAndKeepsEqualTrials()
    {
        Trial Trial(int number, TrialState state, params double[] values) => new() { Number = number, State = state, Values = [.. values] };
        Trial[] trials =
        [
            Trial(0, TrialState.Complete, 3, 3),
            Trial(1, TrialState.Complete, 1, 1),
            Trial(2, TrialState.Failed),
            Trial(3, TrialState.Complete, 1, 5),
            Trial(4, TrialState.Complete, 3, 3),
            Trial(5, TrialState.Complete, 4, 9),
            Trial(6, TrialState.Running),
        ];

        // Minimise the first objective, maximise the second: trial 3 (1, 5) and trial 5 (4, 9) are not comparable;
        // trials 0 and 4 (3, 3) are dominated by (1, 5); trial 1 (1, 1) by (1, 5). Maximising the first and minimising the
        // second, (4, 9), (3, 3) twice and (1, 1) trade off.
        var history = new TrialHistory(trials, [Direction.Minimize, Direction.Maximize]);
        Assert.Equal([3, 5], Pareto.Front(history).Select(t => t.Number));

        var minimiseBoth = new TrialHistory(trials, [Direction.Minimize, Direction.Minimize]);
        Assert.Equal([1], Pareto.Front(minimiseBoth).Select(t => t.Number));

        var maximiseBoth = new TrialHistory(trials, [Direction.Maximize, Direction.Maximize]);
        Assert.Equal([5], Pareto.Front(maximiseBoth).Select(t => t.Number));

        var firstOnly = new TrialHistory(trials, [Direction.Maximize, Direction.Minimize]);
        Assert.Equal([0, 1, 4, 5], Pareto.Front(firstOnly).Select(t => t.Number));
    }
}
