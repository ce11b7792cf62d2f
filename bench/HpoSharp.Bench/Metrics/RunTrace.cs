namespace HpoSharp.Bench.Metrics;

/// <summary>
/// What a run leaves for scoring at any budget up to its length, kept small: for a single objective, each trial that
/// became the reported best (the best observed value, the earliest among equals) with its observed and noise-free
/// values; for several objectives, each trial whose noise-free values were not dominated when it arrived.
/// </summary>
/// <param name="Trials">The number of trials the run made.</param>
/// <param name="Points">The recorded trials, in order.</param>
/// <param name="Seconds">The run's wall-clock time, the evaluations included.</param>
public sealed record RunTrace(int Trials, IReadOnlyList<TracePoint> Points, double Seconds)
{
    /// <summary>The floor of regrets and hypervolume gaps, so that they compare on a log scale.</summary>
    public const double Floor = 1e-8;

    /// <summary>The regret after the first <paramref name="budget"/> trials: noise-free value of the reported best minus f*, floored; +∞ when no trial completed.</summary>
    public double Regret(int budget, double optimum)
    {
        var best = Points.LastOrDefault(p => p.At <= budget);
        return best is null ? double.PositiveInfinity : Math.Max(Floor, best.True[0] - optimum);
    }

    /// <summary>The hypervolume gap after the first <paramref name="budget"/> trials: the front's hypervolume minus that of the trials found, floored.</summary>
    public double HypervolumeGap(int budget, IReadOnlyList<double> reference, double frontVolume) =>
        Math.Max(Floor, frontVolume - Hypervolume.Of(Points.Where(p => p.At <= budget).Select(p => p.True), reference));
}

/// <summary>A recorded trial: after how many trials it arrived, and its observed and noise-free values.</summary>
/// <param name="At">Its position in the run, from 1.</param>
/// <param name="Observed">The values the algorithm saw.</param>
/// <param name="True">The noise-free values.</param>
public sealed record TracePoint(int At, double[] Observed, double[] True);

/// <summary>Builds a <see cref="RunTrace"/> trial by trial.</summary>
public sealed class RunTraceBuilder
{
    private readonly List<TracePoint> _points = [];
    private int _trials;

    /// <summary>Counts a trial without a value (failed).</summary>
    public void AddFailed() => _trials++;

    /// <summary>Adds a completed trial.</summary>
    public void Add(double[] observed, double[] truth)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(truth);
        _trials++;
        var keep = observed.Length == 1
            ? _points.Count == 0 || observed[0] < _points[^1].Observed[0]
            : !_points.Any(p => p.True.SequenceEqual(truth) || Trials.Pareto.Dominates([.. p.True.Select(v => -v)], [.. truth.Select(v => -v)]));
        if (keep)
        {
            _points.Add(new TracePoint(_trials, observed, truth));
        }
    }

    /// <summary>The trace, with the run's duration.</summary>
    public RunTrace Build(double seconds) => new(_trials, [.. _points], seconds);
}
