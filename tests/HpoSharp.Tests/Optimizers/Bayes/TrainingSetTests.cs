using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.Bayes;

public sealed class TrainingSetTests
{
    [Fact]
    public void ValuesAreTheWarpedPerformanceShiftedSoThatTheWorstIsZero()
    {
        // Values spanning orders of magnitude, where warping and plain standardisation differ.
        double[] values = [1, 3, 1000, 10, 30, 300, 2, 100, 5, 50];

        var set = Collect(values, maxCount: 100);

        var warped = OutputWarping.Warp([.. values.Select(v => -v)]);
        Assert.Equal(warped.Select(w => w - warped.Min()), set.Values, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(0, set.Values.Min());
        Assert.Equal(values.Length, set.CompleteCount);
    }

    [Fact]
    public void PastTheLimitTheSetKeepsTheBestHalfOfTheLimitAndOthersEvenlySpacedInTrialOrder()
    {
        // Minimised; the best two are trials 1 and 3, the other six are 0, 2, 4, 5, 6, 7, of which every third is kept.
        var set = Collect([3, 1, 4, 1.5, 5, 9, 2, 6], maxCount: 4);

        Assert.Equal([0.0, 0.1, 0.3, 0.5], set.Points);
        Assert.Equal([1, 2, 0, 3], set.Ranking());
        Assert.Equal(8, set.CompleteCount);
    }

    [Fact]
    public void TrialsWithoutAValueAreKeptApartUpToHalfTheLimitExceptCancelledOnes()
    {
        SearchSpace space = [new RangeHP("x", 0, 1)];
        TrialState[] states = [TrialState.Complete, TrialState.Failed, TrialState.TimedOut, TrialState.Pruned, TrialState.Cancelled, TrialState.Running, TrialState.Complete];
        var history = new TrialHistory(
            [.. states.Select((s, i) => new Trial { Number = i, State = s, Params = [i / 10.0], Values = s == TrialState.Complete ? [i] : [] })],
            [Direction.Minimize]);

        var set = TrainingSet.Collect(history, new ModelSpace(space), 100);

        Assert.Equal([0.0, 0.6], set.Points);
        Assert.Equal([0.1, 0.2, 0.3], set.Failed);
        Assert.Equal(3, set.FailedCount);
        Assert.Equal([0.5], set.Pending);
        Assert.Equal(2, set.CompleteCount);
        Assert.Equal([0.1, 0.2], TrainingSet.Collect(history, new ModelSpace(space), 5).Failed);
    }

    /// <summary>The training set of minimised trials with the given values, trial i at x = i / 10.</summary>
    private static TrainingSet Collect(double[] values, int maxCount)
    {
        SearchSpace space = [new RangeHP("x", 0, 1)];
        var history = new TrialHistory(
            [.. values.Select((v, i) => new Trial { Number = i, State = TrialState.Complete, Params = [i / 10.0], Values = [v] })],
            [Direction.Minimize]);
        return TrainingSet.Collect(history, new ModelSpace(space), maxCount);
    }
}
