using HpoSharp.Trials;

namespace HpoSharp.Optimizers;

/// <summary>
/// What the Gaussian process learns from: the complete trials in model coordinates with their performance warped and
/// standardised by <see cref="OutputWarping"/>, then shifted so that the worst is 0 (a constant performance, or a single
/// trial, is all 0), the points of the pending trials (running or waiting), and those of the trials that ended without a
/// value (failed, timed out or pruned). The process has a zero prior mean, so the shift makes its prior pessimistic: far
/// from every trial it predicts the worst value seen, and expected improvement looks for gains where the model is
/// uncertain near good trials rather than at the unexplored edges of the box. Past a size limit, a set keeps the best
/// half of the limit and the other trials evenly spaced in trial order, so that the model still covers the regions it has
/// ruled out.
/// </summary>
internal sealed class TrainingSet
{
    private TrainingSet(double[] points, double[] values, double[] pending, double[] failed, int dimensions, int completeCount)
    {
        Points = points;
        Values = values;
        Pending = pending;
        Failed = failed;
        Dimensions = dimensions;
        CompleteCount = completeCount;
    }

    /// <summary>The observed points, Count×p row-major.</summary>
    public double[] Points { get; }

    /// <summary>The warped, standardised performance of each observed point, the worst at 0 (higher is better).</summary>
    public double[] Values { get; }

    /// <summary>The points of the pending trials, row-major.</summary>
    public double[] Pending { get; }

    /// <summary>The points of the trials that ended without a value (failed, timed out or pruned), row-major.</summary>
    public double[] Failed { get; }

    /// <summary>The number of model coordinates.</summary>
    public int Dimensions { get; }

    /// <summary>The number of complete trials in the history, including those left out of the set.</summary>
    public int CompleteCount { get; }

    /// <summary>The number of observed points.</summary>
    public int Count => Values.Length;

    /// <summary>The number of pending points.</summary>
    public int PendingCount => Dimensions == 0 ? 0 : Pending.Length / Dimensions;

    /// <summary>The number of points of trials without a value.</summary>
    public int FailedCount => Dimensions == 0 ? 0 : Failed.Length / Dimensions;

    /// <summary>The indices of the observed points, best first.</summary>
    public int[] Ranking() => Ranking(Values);

    /// <summary>
    /// Collects the training set of <paramref name="history"/>, with at most <paramref name="maxCount"/> observations and
    /// half as many trials without a value (evenly spaced in trial order past that).
    /// </summary>
    public static TrainingSet Collect(TrialHistory history, ModelSpace space, int maxCount)
    {
        var complete = new List<(Trial Trial, double Perf)>();
        var pending = new List<Trial>();
        var failed = new List<Trial>();
        foreach (var trial in history)
        {
            var perf = history.Perf(trial);
            if (double.IsFinite(perf))
            {
                complete.Add((trial, perf));
            }
            else if (trial.Params.Length != space.Dimensions)
            {
                continue;
            }
            else if (trial.State is TrialState.Running or TrialState.Waiting)
            {
                pending.Add(trial);
            }
            else if (trial.State is TrialState.Failed or TrialState.TimedOut or TrialState.Pruned)
            {
                failed.Add(trial);
            }
        }

        var kept = Subset([.. complete.Select(c => c.Perf)], maxCount);
        var p = space.Dimensions;
        var points = new double[kept.Length * p];
        for (var i = 0; i < kept.Length; i++)
        {
            space.ToModel(complete[kept[i]].Trial.Params.AsSpan(), points.AsSpan(i * p, p));
        }

        var pendingPoints = new double[pending.Count * p];
        for (var i = 0; i < pending.Count; i++)
        {
            space.ToModel(pending[i].Params.AsSpan(), pendingPoints.AsSpan(i * p, p));
        }

        var failedCount = Math.Min(failed.Count, maxCount / 2);
        var keptFailed = Enumerable.Range(0, failedCount).Select(k => failed[(int)((long)k * failed.Count / failedCount)]).ToList();
        var failedPoints = new double[keptFailed.Count * p];
        for (var i = 0; i < keptFailed.Count; i++)
        {
            space.ToModel(keptFailed[i].Params.AsSpan(), failedPoints.AsSpan(i * p, p));
        }

        var values = OutputWarping.Warp([.. kept.Select(i => complete[i].Perf)]);
        var worst = values.Length == 0 ? 0 : values.Min();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] -= worst;
        }

        return new TrainingSet(points, values, pendingPoints, failedPoints, p, complete.Count);
    }

    /// <summary>The observations the kernel's hyper-parameters are fitted on: at most <paramref name="maxCount"/> of them.</summary>
    public (double[] Points, double[] Values) FitSubset(int maxCount)
    {
        var kept = Subset(Values, maxCount);
        if (kept.Length == Count)
        {
            return (Points, Values);
        }

        var p = Dimensions;
        var points = new double[kept.Length * p];
        for (var i = 0; i < kept.Length; i++)
        {
            Points.AsSpan(kept[i] * p, p).CopyTo(points.AsSpan(i * p, p));
        }

        return (points, [.. kept.Select(i => Values[i])]);
    }

    /// <summary>
    /// The indices (ascending) of the observations kept within <paramref name="maxCount"/>: all of them when they fit, else
    /// the best half of the limit and the others evenly spaced in order.
    /// </summary>
    private static int[] Subset(double[] perf, int maxCount)
    {
        if (perf.Length <= maxCount)
        {
            return [.. Enumerable.Range(0, perf.Length)];
        }

        var best = Ranking(perf).Take(maxCount / 2).ToHashSet();
        var others = Enumerable.Range(0, perf.Length).Where(i => !best.Contains(i)).ToArray();
        var rest = maxCount - best.Count;
        return [.. best.Concat(Enumerable.Range(0, rest).Select(k => others[(int)((long)k * others.Length / rest)])).Order()];
    }

    private static int[] Ranking(double[] perf) => [.. Enumerable.Range(0, perf.Length).OrderByDescending(i => perf[i]).ThenBy(i => i)];
}
