namespace HpoSharp.Optimizers;

/// <summary>Why a CMA-ES run ended (and a restart began).</summary>
public enum CmaStopReason
{
    /// <summary>The run goes on.</summary>
    None,

    /// <summary>A small-population run of BIPOP used up its share of generations.</summary>
    MaxGenerations,

    /// <summary>TolFun: the values of the last generation and the best and worst values of the recent ones span less than 1e-12.</summary>
    TolFun,

    /// <summary>TolX: every coordinate's standard deviation and rank-one path component is below 1e-12 times the initial step size.</summary>
    TolX,

    /// <summary>TolUpSigma: σ times the largest axis of C exceeds 1e4 times the initial step size (divergence).</summary>
    TolUpSigma,

    /// <summary>NoEffectCoord: adding 0.2 standard deviations to a coordinate of the mean does not change it.</summary>
    NoEffectCoordinate,

    /// <summary>NoEffectAxis: adding 0.1 standard deviations along a principal axis does not change the mean.</summary>
    NoEffectAxis,

    /// <summary>ConditionCov: the condition number of C exceeds 1e14.</summary>
    ConditionCov,

    /// <summary>
    /// Stagnation (Auger and Hansen, 2005): over the last 20% of the generations (at least 120 + 30n/λ, at most 20,000,
    /// so that a long run keeps a bounded history as pycma's does), the medians of the best and of the median values of
    /// the most recent 30% are no better than those of the first 30% (checked every 10 generations, or every 1% of the
    /// window once that is longer).
    /// </summary>
    Stagnation,

    /// <summary>Flat fitness: for several generations in a row the best value equals the value at the 75th percentile.</summary>
    FlatFitness,

    /// <summary>
    /// The mean, step size or covariance is no longer finite (a numerical breakdown, possible only after a long run
    /// without restarts): a new run starts whatever the restart strategy.
    /// </summary>
    Degenerate,
}

/// <summary>The stopping criteria of a CMA-ES run (Hansen's tutorial, appendix B.3, and the settings of pycma).</summary>
internal sealed class RunTermination
{
    private const double TolFun = 1e-12;
    private const double TolXFactor = 1e-12;
    private const double TolUpSigmaFactor = 1e4;
    private const double MaxCondition = 1e14;
    private const int MaxStagnationWindow = 20_000;

    private readonly int _historyLength;
    private readonly int _stagnationMinimum;
    private readonly int _flatLimit;
    private readonly List<double> _best = [];
    private readonly List<double> _median = [];
    private readonly Queue<(double Best, double Worst)> _recent = new();
    private int _flat;

    /// <summary>Sets the horizons for <paramref name="n"/> Gaussian coordinates and a population of <paramref name="lambda"/>.</summary>
    /// <param name="n">The number of Gaussian coordinates.</param>
    /// <param name="lambda">The population size.</param>
    /// <param name="discreteShare">The share of discrete and categorical coordinates, which make ties and flat generations common.</param>
    public RunTermination(int n, int lambda, double discreteShare)
    {
        _historyLength = 10 + (int)Math.Ceiling(30.0 * n / lambda);
        _stagnationMinimum = 120 + (int)Math.Ceiling(30.0 * n / lambda);
        _flatLimit = 2 + (int)Math.Round(30 * discreteShare);
    }

    private RunTermination(RunTermination other)
    {
        _historyLength = other._historyLength;
        _stagnationMinimum = other._stagnationMinimum;
        _flatLimit = other._flatLimit;
        _best = [.. other._best];
        _median = [.. other._median];
        _recent = new Queue<(double, double)>(other._recent);
        _flat = other._flat;
    }

    /// <summary>A deep copy.</summary>
    public RunTermination Clone() => new(this);

    /// <summary>
    /// Records a generation's values (higher is better, sorted best first) and returns the first criterion that holds for
    /// the distribution after its update, or <see cref="CmaStopReason.None"/>.
    /// </summary>
    public CmaStopReason Check(IReadOnlyList<double> sorted, GaussianSearch? gaussian, int generations, int? maxGenerations)
    {
        _best.Add(sorted[0]);
        _median.Add(sorted[sorted.Count / 2]);
        var kept = Math.Max(MaxStagnationWindow, _stagnationMinimum);
        if (_best.Count >= 2 * kept)
        {
            _best.RemoveRange(0, _best.Count - kept);
            _median.RemoveRange(0, _median.Count - kept);
        }

        _recent.Enqueue((sorted[0], sorted[^1]));
        if (_recent.Count > _historyLength)
        {
            _recent.Dequeue();
        }

        _flat = sorted[0] == sorted[(int)(0.75 * sorted.Count)] ? _flat + 1 : 0;
        if (maxGenerations is { } max && generations >= max)
        {
            return CmaStopReason.MaxGenerations;
        }

        if (generations > _historyLength && sorted[0] - sorted[^1] < TolFun
            && _recent.Max(r => r.Best) - _recent.Min(r => r.Worst) < TolFun)
        {
            return CmaStopReason.TolFun;
        }

        if (_flat > _flatLimit)
        {
            return CmaStopReason.FlatFitness;
        }

        if (Stagnates(generations))
        {
            return CmaStopReason.Stagnation;
        }

        return gaussian is null ? CmaStopReason.None : CheckDistribution(gaussian, generations);
    }

    private static CmaStopReason CheckDistribution(GaussianSearch gaussian, int generations)
    {
        var n = gaussian.Mean.Length;
        var sigma = gaussian.Sigma;
        if (!(sigma > 0) || !double.IsFinite(sigma) || !gaussian.IsFinite)
        {
            return CmaStopReason.Degenerate;
        }

        var tolX = TolXFactor * gaussian.InitialSigma;
        var allSmall = true;
        for (var i = 0; i < n; i++)
        {
            var deviation = sigma * gaussian.Scaling[i] * Math.Sqrt(gaussian.Variance(i));
            allSmall &= deviation < tolX && Math.Abs(sigma * gaussian.Scaling[i] * gaussian.RankOnePath[i]) < tolX;
            if (gaussian.Mean[i] == gaussian.Mean[i] + (0.2 * deviation))
            {
                return CmaStopReason.NoEffectCoordinate;
            }
        }

        if (allSmall)
        {
            return CmaStopReason.TolX;
        }

        var d = gaussian.AxisLengths;
        if (sigma * d[^1] > TolUpSigmaFactor * gaussian.InitialSigma)
        {
            return CmaStopReason.TolUpSigma;
        }

        var axis = generations % n;
        var moves = false;
        for (var i = 0; i < n && !moves; i++)
        {
            var mean = gaussian.Mean[i];
            moves = mean != mean + (0.1 * sigma * gaussian.Scaling[i] * d[axis] * gaussian.AxisEntry(i, axis));
        }

        if (!moves)
        {
            return CmaStopReason.NoEffectAxis;
        }

        return d[^1] * d[^1] > MaxCondition * d[0] * d[0] ? CmaStopReason.ConditionCov : CmaStopReason.None;
    }

    private bool Stagnates(int generations)
    {
        var window = Math.Max(_stagnationMinimum, Math.Min(MaxStagnationWindow, (int)(0.2 * generations)));
        if (generations < _stagnationMinimum || generations % Math.Max(10, window / 100) != 0)
        {
            return false;
        }

        var part = Math.Max(1, (int)(0.3 * window));
        return NoBetter(_best, window, part) && NoBetter(_median, window, part);
    }

    /// <summary>Whether the median of the newest <paramref name="part"/> values is no better (higher) than that of the oldest part of the window.</summary>
    private static bool NoBetter(List<double> history, int window, int part)
    {
        var start = history.Count - window;
        return Median(history, history.Count - part, part) <= Median(history, start, part);
    }

    private static double Median(List<double> values, int start, int count)
    {
        var slice = values.GetRange(start, count);
        slice.Sort();
        return count % 2 == 1 ? slice[count / 2] : 0.5 * (slice[(count / 2) - 1] + slice[count / 2]);
    }
}
