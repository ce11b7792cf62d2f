using HpoSharp.Trials;

namespace HpoSharp.Optimizers.Bayes;

/// <summary>
/// What the Gaussian process learns from: the complete trials in model coordinates with their performance warped and
/// standardised by <see cref="OutputWarping"/> (a constant performance, or a single trial, stays at 0), and the points of the pending trials
/// (running or waiting). When there are more than <c>maxTrials</c> complete trials, it keeps the best half of that number
/// and the most recent trials among the others.
/// </summary>
internal sealed class TrainingSet
{
    private TrainingSet(double[] points, double[] values, double[] pending, int dimensions, int completeCount)
    {
        CompleteCount = completeCount;
        Points = points;
        Values = values;
        Pending = pending;
        Dimensions = dimensions;
    }

    /// <summary>The observed points, Count×p row-major.</summary>
    public double[] Points { get; }

    /// <summary>The standardised performance of each observed point (higher is better).</summary>
    public double[] Values { get; }

    /// <summary>The points of the pending trials, row-major.</summary>
    public double[] Pending { get; }

    /// <summary>The number of model coordinates.</summary>
    public int Dimensions { get; }

    /// <summary>The number of complete trials in the history, including those left out of the model.</summary>
    public int CompleteCount { get; }

    /// <summary>The number of observed points.</summary>
    public int Count => Values.Length;

    /// <summary>The number of pending points.</summary>
    public int PendingCount => Dimensions == 0 ? 0 : Pending.Length / Dimensions;

    /// <summary>The indices of the observed points, best first.</summary>
    public int[] Ranking() => [.. Enumerable.Range(0, Count).OrderByDescending(i => Values[i]).ThenBy(i => i)];

    /// <summary>
    /// The observations the kernel's hyper-parameters are fitted on: all of them up to <paramref name="maxCount"/>, else the
    /// best half of that number and the others evenly spaced in trial order (the fit costs the cube of their number).
    /// </summary>
    public (double[] Points, double[] Values) FitSubset(int maxCount)
    {
        if (Count <= maxCount)
        {
            return (Points, Values);
        }

        var best = Ranking().Take(maxCount / 2).ToHashSet();
        var others = Enumerable.Range(0, Count).Where(i => !best.Contains(i)).ToArray();
        var rest = maxCount - best.Count;
        var chosen = best.Concat(Enumerable.Range(0, rest).Select(k => others[(int)((long)k * others.Length / rest)])).Order().ToArray();
        var p = Dimensions;
        var points = new double[chosen.Length * p];
        for (var i = 0; i < chosen.Length; i++)
        {
            Points.AsSpan(chosen[i] * p, p).CopyTo(points.AsSpan(i * p, p));
        }

        return (points, [.. chosen.Select(i => Values[i])]);
    }

    /// <summary>Collects the training set of <paramref name="history"/>.</summary>
    public static TrainingSet Collect(TrialHistory history, ModelSpace space, int maxTrials)
    {
        var complete = new List<(Trial Trial, double Perf)>();
        var pending = new List<Trial>();
        foreach (var trial in history)
        {
            var perf = history.Perf(trial);
            if (double.IsFinite(perf))
            {
                complete.Add((trial, perf));
            }
            else if (trial.State is TrialState.Running or TrialState.Waiting && trial.Params.Length == space.Dimensions)
            {
                pending.Add(trial);
            }
        }

        var completeCount = complete.Count;
        if (complete.Count > maxTrials)
        {
            var best = complete.OrderByDescending(c => c.Perf).ThenBy(c => c.Trial.Number).Take(maxTrials / 2).Select(c => c.Trial.Number).ToHashSet();
            var recent = complete.Where(c => !best.Contains(c.Trial.Number)).TakeLast(maxTrials - best.Count);
            complete = [.. complete.Where(c => best.Contains(c.Trial.Number)).Concat(recent).OrderBy(c => c.Trial.Number)];
        }

        var p = space.Dimensions;
        var points = new double[complete.Count * p];
        for (var i = 0; i < complete.Count; i++)
        {
            space.ToModel(complete[i].Trial.Params.AsSpan(), points.AsSpan(i * p, p));
        }

        var pendingPoints = new double[pending.Count * p];
        for (var i = 0; i < pending.Count; i++)
        {
            space.ToModel(pending[i].Params.AsSpan(), pendingPoints.AsSpan(i * p, p));
        }

        return new TrainingSet(points, OutputWarping.Warp([.. complete.Select(c => c.Perf)]), pendingPoints, p, completeCount);
    }
}
