using System.Collections.Immutable;

namespace HpoSharp.Trials;

/// <summary>An <see cref="ITrialStore"/> in this process's memory: fast, and gone with the process.</summary>
public sealed class InMemoryTrialStore : ITrialStore
{
    private readonly Lock _gate = new();
    private readonly List<Trial> _trials = [];
    private readonly List<(long Version, int Number)> _changeLog = [];
    private readonly SortedSet<int> _waiting = [];
    private long _version;

    /// <inheritdoc/>
    public Trial CreateTrial(Trial template)
    {
        ArgumentNullException.ThrowIfNull(template);
        lock (_gate)
        {
            var trial = Commit(template with { Number = _trials.Count });
            if (trial.State == TrialState.Waiting)
            {
                _waiting.Add(trial.Number);
            }

            return trial;
        }
    }

    /// <inheritdoc/>
    public Trial? ClaimWaitingTrial(int worker, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_waiting.Count == 0)
            {
                return null;
            }

            var number = _waiting.Min;
            _waiting.Remove(number);
            return Commit(_trials[number] with { State = TrialState.Running, Worker = worker, Started = now, Heartbeat = now });
        }
    }

    /// <inheritdoc/>
    public bool FinishTrial(int number, TrialState state, ImmutableArray<double> values, string? error, DateTimeOffset now)
    {
        if (!Enum.IsDefined(state) || state is TrialState.Waiting or TrialState.Running)
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A trial is finished as Complete, Failed, TimedOut, Cancelled or Pruned.");
        }

        lock (_gate)
        {
            var trial = Get(number);
            if (trial.IsFinished)
            {
                return false;
            }

            _waiting.Remove(number);
            Commit(trial with { State = state, Values = values.IsDefault ? [] : values, Error = error, Finished = now });
            return true;
        }
    }

    /// <inheritdoc/>
    public void ReportIntermediateValue(int number, long step, double value)
    {
        lock (_gate)
        {
            var trial = Get(number);
            if (!trial.IsFinished)
            {
                Commit(trial with { IntermediateValues = trial.IntermediateValues.SetItem(step, value) });
            }
        }
    }

    /// <inheritdoc/>
    public void SetAttribute(int number, string key, object value, bool system)
    {
        var normalized = AttributeValue.Normalize(key, value);
        lock (_gate)
        {
            var trial = Get(number);
            Commit(system
                ? trial with { SystemAttributes = trial.SystemAttributes.SetItem(key, normalized) }
                : trial with { Attributes = trial.Attributes.SetItem(key, normalized) });
        }
    }

    /// <inheritdoc/>
    public void Heartbeat(int number, DateTimeOffset now)
    {
        lock (_gate)
        {
            var trial = Get(number);
            if (!trial.IsFinished)
            {
                Commit(trial with { Heartbeat = now });
            }
        }
    }

    /// <inheritdoc/>
    public TrialChanges GetChanges(long sinceVersion)
    {
        lock (_gate)
        {
            var first = FirstLogIndexAfter(sinceVersion);
            var numbers = new SortedSet<int>();
            for (var i = first; i < _changeLog.Count; i++)
            {
                numbers.Add(_changeLog[i].Number);
            }

            return new TrialChanges([.. numbers.Select(n => _trials[n])], _version);
        }
    }

    private int FirstLogIndexAfter(long version)
    {
        int lo = 0, hi = _changeLog.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_changeLog[mid].Version <= version)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private Trial Get(int number) =>
        number >= 0 && number < _trials.Count
            ? _trials[number]
            : throw new ArgumentOutOfRangeException(nameof(number), number, $"There is no trial {number}; the store holds {_trials.Count}.");

    private Trial Commit(Trial trial)
    {
        trial = trial with { Version = ++_version };
        if (trial.Number == _trials.Count)
        {
            _trials.Add(trial);
        }
        else
        {
            _trials[trial.Number] = trial;
        }

        _changeLog.Add((trial.Version, trial.Number));
        return trial;
    }
}
