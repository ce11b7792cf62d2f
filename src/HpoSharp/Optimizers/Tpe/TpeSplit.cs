using System.Runtime.CompilerServices;

namespace HpoSharp.Optimizers;

/// <summary>
/// Splits the trials in which a group of dimensions was active into good and bad ones and lays each side out for its
/// Parzen estimator: the best <see cref="TpeOptions.GoodCount"/> of them are good, the others bad, and with the constant
/// liar the pending trials join the bad side. In a multi-objective study the good side is chosen and weighted by
/// <see cref="MotpeSelection"/> instead. Observations are stored in trial-number order, which the forgetting
/// weights follow; the per-dimension orders come from <see cref="TpeObservations.ByValue"/> without sorting.
/// </summary>
internal sealed class TpeSplit
{
    private const int Good = 1;
    private const int Bad = 2;

    private readonly ParzenObservations _good = new();
    private readonly ParzenObservations _bad = new();
    private readonly List<int> _pending = [];
    private readonly TpeObservations _observations;
    private readonly TpeOptions _options;
    private readonly MotpeSelection _motpe = new();
    private int[] _side = [];
    private int[] _slot = [];
    private double[] _weight = [];

    /// <summary>Splits the trials of <paramref name="observations"/> as <paramref name="options"/> say.</summary>
    public TpeSplit(TpeObservations observations, TpeOptions options)
    {
        _observations = observations;
        _options = options;
    }

    /// <summary>
    /// The good and bad observations of the group <paramref name="group"/> (dimension indices sharing one activation
    /// condition), or null when no usable finished trial had the group active. Both are overwritten by the next split.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (ParzenObservations Good, ParzenObservations Bad)? Split(int[] group)
    {
        var obs = _observations;
        var size = Math.Max(obs.Numbers.IsEmpty ? 0 : obs.Numbers[^1] + 1, obs.Pending.Count == 0 ? 0 : obs.Pending[^1] + 1);
        if (_side.Length < size)
        {
            _side = new int[Math.Max(size, 2 * _side.Length)];
            _slot = new int[_side.Length];
            _weight = new double[_side.Length];
        }

        var lead = group[0];
        var active = 0;
        foreach (var number in obs.Ranked)
        {
            active += double.IsNaN(obs.Value(number, lead)) ? 0 : 1;
        }

        if (active == 0)
        {
            return null;
        }

        var goodCount = _options.GoodCount(active, obs.IsMultiObjective);
        var threshold = obs.IsMultiObjective ? SplitByFronts(lead, goodCount) : SplitByRank(lead, goodCount);

        var pending = 0;
        foreach (var number in obs.Pending)
        {
            var lies = _options.ConstantLiar && !double.IsNaN(obs.Value(number, lead));
            _side[number] = lies ? Bad : 0;
            pending += lies ? 1 : 0;
        }

        Layout(_good, group, Good, goodCount, threshold);
        Layout(_bad, group, Bad, active - goodCount + pending, double.NegativeInfinity);
        return (_good, _bad);
    }

    /// <summary>Puts the best <paramref name="goodCount"/> active trials on the good side; returns the performance of the best bad one.</summary>
    private double SplitByRank(int lead, int goodCount)
    {
        var obs = _observations;
        var seen = 0;
        var threshold = double.NegativeInfinity;
        foreach (var number in obs.Ranked)
        {
            if (double.IsNaN(obs.Value(number, lead)))
            {
                _side[number] = 0;
                continue;
            }

            _side[number] = seen++ < goodCount ? Good : Bad;
            if (seen == goodCount + 1)
            {
                threshold = obs.Performance(number);
            }
        }

        return threshold;
    }

    /// <summary>
    /// Multi-objective: the complete trials <see cref="MotpeSelection"/> chooses are good, with its weights; when there are
    /// fewer complete trials than <paramref name="goodCount"/>, the best pruned ones fill the good side with a negligible
    /// weight. Returns NaN (no improvement threshold).
    /// </summary>
    private double SplitByFronts(int lead, int goodCount)
    {
        var obs = _observations;
        var (good, weights) = _motpe.Select(obs, lead, goodCount, _options.MultiObjectiveWeightExponent);
        var pruned = goodCount - good.Length;
        foreach (var number in obs.Ranked)
        {
            var active = !double.IsNaN(obs.Value(number, lead));
            var fills = active && !obs.IsComplete(number) && pruned-- > 0;
            _side[number] = !active ? 0 : fills ? Good : Bad;
            _weight[number] = MotpeSelection.Negligible;
        }

        for (var i = 0; i < good.Length; i++)
        {
            _side[good[i]] = Good;
            _weight[good[i]] = weights[i];
        }

        return double.NaN;
    }

    /// <summary>
    /// Fills the observations of one side: slots in trial-number order (pending trials among the finished ones, so that
    /// the forgetting weights follow age), weights, values and per-dimension orders.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Layout(ParzenObservations result, int[] group, int side, int count, double threshold)
    {
        var obs = _observations;
        result.Reset(count, group.Length, withOrder: true);
        var (slot, next) = (0, 0);
        foreach (var number in obs.Numbers)
        {
            for (; next < obs.Pending.Count && obs.Pending[next] < number; next++)
            {
                Place(result, side, obs.Pending[next], ref slot);
            }

            Place(result, side, number, ref slot);
        }

        for (; next < obs.Pending.Count; next++)
        {
            Place(result, side, obs.Pending[next], ref slot);
        }

        for (var i = 0; i < count; i++)
        {
            result.Weights[i] = side == Good && obs.IsMultiObjective ? _weight[result.Numbers[i]] : _options.ForgettingWeight(i, count);
        }

        if (side == Good && _options.ImprovementWeights && double.IsFinite(threshold))
        {
            WeighByImprovement(result, threshold);
        }
        else
        {
            result.PriorWeight = _options.PriorWeight;
        }

        for (var d = 0; d < group.Length; d++)
        {
            FillDimension(group[d], side, result.Values.Slice(d * count, count), result.Order.Slice(d * count, count));
        }
    }

    /// <summary>Gives trial <paramref name="number"/> the next slot of <paramref name="result"/> if it is on <paramref name="side"/>.</summary>
    private void Place(ParzenObservations result, int side, int number, ref int slot)
    {
        if (_side[number] == side)
        {
            result.Numbers[slot] = number;
            _slot[number] = slot++;
        }
    }

    /// <summary>
    /// Weights good observations by their improvement over the best bad trial, at least 1e-12 of the largest improvement
    /// (1 when none improves), so that the weights do not depend on the units of the objective; the prior gets the mean
    /// weight. Improvements are taken as halves, which never overflow, then doubled back, or when the largest is beyond
    /// 1e300 (their sum might overflow) scaled to about 1 by a power of two instead: neither changes any share.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WeighByImprovement(ParzenObservations result, double threshold)
    {
        var half = 0.5 * threshold;
        var largest = 0.0;
        foreach (var number in _observations.Numbers)
        {
            largest = _side[number] == Good ? Math.Max(largest, (0.5 * _observations.Performance(number)) - half) : largest;
        }

        var shift = largest > 1e300 ? -Math.ILogB(largest) : 1;
        largest = Math.ScaleB(largest, shift);
        var floor = largest > 0 ? MotpeSelection.Negligible * largest : 1;
        var total = 0.0;
        foreach (var number in _observations.Numbers)
        {
            if (_side[number] == Good)
            {
                var w = Math.Max(Math.ScaleB((0.5 * _observations.Performance(number)) - half, shift), floor);
                result.Weights[_slot[number]] = w;
                total += w;
            }
        }

        result.PriorWeight = _options.PriorWeight * total / Math.Max(result.Count, 1);
    }

    /// <summary>Writes one dimension's values by slot and its slots by ascending value (pending trials merged in).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FillDimension(int d, int side, Span<double> values, Span<int> order)
    {
        var obs = _observations;
        var pending = _pending;
        pending.Clear();
        foreach (var number in obs.Pending)
        {
            if (_side[number] == side)
            {
                pending.Add(number);
                values[_slot[number]] = obs.Value(number, d);
            }
        }

        if (pending.Count > 1)
        {
            pending.Sort((a, b) => obs.Value(a, d).CompareTo(obs.Value(b, d)));
        }

        var next = 0;
        var p = 0;
        foreach (var number in obs.ByValue(d))
        {
            if (_side[number] != side)
            {
                continue;
            }

            var value = obs.Value(number, d);
            while (p < pending.Count && obs.Value(pending[p], d) < value)
            {
                order[next++] = _slot[pending[p++]];
            }

            values[_slot[number]] = value;
            order[next++] = _slot[number];
        }

        while (p < pending.Count)
        {
            order[next++] = _slot[pending[p++]];
        }
    }
}
