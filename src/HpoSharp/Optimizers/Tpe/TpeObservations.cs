using System.Runtime.CompilerServices;
using HpoSharp.Trials;

namespace HpoSharp.Optimizers;

/// <summary>
/// The history as the Parzen estimators need it, kept up to date incrementally: the usable finished trials ranked
/// best first, and for every dimension the trials in which it was active in ascending order of value, plus the trials
/// still pending. It only ever grows by merging newly finished trials, so a refresh costs time linear in the history,
/// and its content is a function of the history alone (ties are broken by trial number).
/// <para>
/// Usable trials are complete ones, ranked by performance, and pruned ones, ranked after every complete trial by the
/// last step they reached and then their last intermediate value (as Optuna does). Failed, timed-out and cancelled trials
/// carry no value and are left out. Running and waiting trials are pending.
/// </para>
/// <para>
/// In a multi-objective study a complete trial is usable when every objective is finite; its objective vector is kept
/// (<see cref="Objectives"/>) and complete trials rank among themselves by trial number, since their order comes from
/// non-dominated sorting (<see cref="MotpeSelection"/>).
/// </para>
/// </summary>
internal sealed class TpeObservations
{
    private readonly KernelDimension[] _dimensions;
    private readonly List<int> _pending = [];
    private readonly List<int> _fresh = [];
    private readonly int[][] _byValue;
    private readonly int[] _byValueCount;
    private readonly double[][] _columns;
    private (int Tier, double Primary, double Secondary)[] _keys = [];
    private double[][] _objectives = [];
    private bool[] _included = [];
    private int[] _ranked = [];
    private int[] _numbers = [];
    private int _count;
    private int _settled;

    /// <summary>Observes trials over <paramref name="dimensions"/>.</summary>
    public TpeObservations(KernelDimension[] dimensions)
    {
        _dimensions = dimensions;
        _byValue = [.. dimensions.Select(_ => Array.Empty<int>())];
        _columns = [.. dimensions.Select(_ => Array.Empty<double>())];
        _byValueCount = new int[dimensions.Length];
    }

    /// <summary>Whether the study has several objectives.</summary>
    public bool IsMultiObjective { get; private set; }

    /// <summary>The number of usable finished trials.</summary>
    public int Count => _count;

    /// <summary>The usable finished trials' numbers, best first.</summary>
    public ReadOnlySpan<int> Ranked => _ranked.AsSpan(0, _count);

    /// <summary>The usable finished trials' numbers in ascending order.</summary>
    public ReadOnlySpan<int> Numbers => _numbers.AsSpan(0, _count);

    /// <summary>The pending (running or waiting) trials' numbers in ascending order.</summary>
    public IReadOnlyList<int> Pending => _pending;

    /// <summary>The numbers of the usable finished trials in which dimension <paramref name="d"/> was active, by ascending value.</summary>
    public ReadOnlySpan<int> ByValue(int d) => _byValue[d].AsSpan(0, _byValueCount[d]);

    /// <summary>Trial <paramref name="number"/>'s value (kept by dimension, so scans of one dimension stay in cache) on dimension <paramref name="d"/> (user units or choice index), NaN where inactive.</summary>
    public double Value(int number, int d) => _columns[d][number];

    /// <summary>The performance of usable trial <paramref name="number"/>: its value (higher is better) if complete, −∞ if pruned.</summary>
    public double Performance(int number) => _keys[number].Tier == 0 ? _keys[number].Primary : double.NegativeInfinity;

    /// <summary>Whether usable trial <paramref name="number"/> is complete (not pruned).</summary>
    public bool IsComplete(int number) => _keys[number].Tier == 0;

    /// <summary>The objective vector (higher is better) of complete trial <paramref name="number"/> of a multi-objective study.</summary>
    public double[] Objectives(int number) => _objectives[number];

    /// <summary>Takes in the trials of <paramref name="history"/> that finished since the last refresh and lists the pending ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Refresh(TrialHistory history)
    {
        Grow(history.Count);
        IsMultiObjective = history.IsMultiObjective;
        _pending.Clear();
        _fresh.Clear();
        var firstOpen = -1;
        for (var number = _settled; number < history.Count; number++)
        {
            var trial = history[number];
            if (!trial.IsFinished)
            {
                firstOpen = firstOpen < 0 ? number : firstOpen;
                if (!trial.Params.IsDefaultOrEmpty)
                {
                    Store(trial);
                    _pending.Add(number);
                }
            }
            else if (!_included[number] && Key(history, trial) is { } key)
            {
                _included[number] = true;
                _keys[number] = key;
                Store(trial);
                _fresh.Add(number);
            }
        }

        _settled = firstOpen < 0 ? history.Count : firstOpen;
        if (_fresh.Count > 0)
        {
            MergeFresh();
        }
    }

    /// <summary>The ranking key of a usable finished trial, or null for one the model leaves out.</summary>
    private (int, double, double)? Key(TrialHistory history, Trial trial)
    {
        switch (trial.State)
        {
            case TrialState.Complete when history.IsMultiObjective:
                var objectives = Enumerable.Range(0, history.Directions.Count).Select(k => history.Perf(trial, k)).ToArray();
                _objectives[trial.Number] = objectives;
                return objectives.All(double.IsFinite) ? (0, 0.0, 0.0) : null;
            case TrialState.Complete:
                var perf = history.Perf(trial);
                return double.IsFinite(perf) ? (0, perf, 0.0) : null;
            case TrialState.Pruned when trial.IntermediateValues.IsEmpty:
                return (1, double.NegativeInfinity, double.NegativeInfinity);
            case TrialState.Pruned:
                var (step, value) = trial.IntermediateValues.Last();
                return (1, step, double.IsNaN(value) ? double.NegativeInfinity : history.Directions[0].Perf(value));
            default:
                return null;
        }
    }

    /// <summary>Whether trial <paramref name="a"/> ranks before trial <paramref name="b"/>: lower tier, then larger keys, then smaller number.</summary>
    private int CompareRank(int a, int b)
    {
        var (ka, kb) = (_keys[a], _keys[b]);
        var order = ka.Tier.CompareTo(kb.Tier);
        order = order != 0 ? order : kb.Primary.CompareTo(ka.Primary);
        order = order != 0 ? order : kb.Secondary.CompareTo(ka.Secondary);
        return order != 0 ? order : a.CompareTo(b);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MergeFresh()
    {
        var fresh = _fresh.ToArray();
        Array.Sort(fresh);
        _numbers = Merge(_numbers, _count, fresh, (a, b) => a.CompareTo(b));
        Array.Sort(fresh, CompareRank);
        _ranked = Merge(_ranked, _count, fresh, CompareRank);
        for (var d = 0; d < _dimensions.Length; d++)
        {
            var dimension = d;
            var active = fresh.Where(n => !double.IsNaN(Value(n, dimension))).ToArray();
            Comparison<int> byValue = (a, b) =>
            {
                var order = Value(a, dimension).CompareTo(Value(b, dimension));
                return order != 0 ? order : a.CompareTo(b);
            };
            Array.Sort(active, byValue);
            _byValue[d] = Merge(_byValue[d], _byValueCount[d], active, byValue);
            _byValueCount[d] += active.Length;
        }

        _count += fresh.Length;
    }

    /// <summary>Merges sorted <paramref name="fresh"/> into the first <paramref name="count"/> sorted entries of <paramref name="existing"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] Merge(int[] existing, int count, int[] fresh, Comparison<int> compare)
    {
        var merged = existing.Length >= count + fresh.Length ? existing : new int[Math.Max(2 * existing.Length, count + fresh.Length)];
        int i = count - 1, j = fresh.Length - 1, to = count + fresh.Length - 1;
        while (j >= 0)
        {
            merged[to--] = i >= 0 && compare(existing[i], fresh[j]) > 0 ? existing[i--] : fresh[j--];
        }

        if (!ReferenceEquals(merged, existing))
        {
            Array.Copy(existing, merged, i + 1);
        }

        return merged;
    }

    private void Store(Trial trial)
    {
        for (var d = 0; d < _columns.Length; d++)
        {
            _columns[d][trial.Number] = trial.Params[_dimensions[d].Index];
        }
    }

    private void Grow(int trials)
    {
        if (_included.Length >= trials)
        {
            return;
        }

        var capacity = Math.Max(trials, 2 * _included.Length);
        Array.Resize(ref _included, capacity);
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _objectives, capacity);
        for (var d = 0; d < _columns.Length; d++)
        {
            Array.Resize(ref _columns[d], capacity);
        }
    }
}
