using HpoSharp.Trials;

namespace HpoSharp.Optimizers;

/// <summary>The state of a generational strategy that <see cref="GenerationReplay{TState}"/> rebuilds from a history.</summary>
/// <typeparam name="TState">The state's own type.</typeparam>
internal interface IGenerationState<TState>
{
    /// <summary>How many members end the current generation.</summary>
    int Needed { get; }

    /// <summary>
    /// Whether the replayed trial <paramref name="trial"/> joins the current generation. Called once per trial, in replay
    /// order, so the state may keep count of what it admitted.
    /// </summary>
    bool Admit(Trial trial);

    /// <summary>Ends the current generation with its first <see cref="Needed"/> members, in order of arrival.</summary>
    void Advance(IReadOnlyList<Trial> members);

    /// <summary>A deep copy.</summary>
    TState Clone();
}

/// <summary>
/// Rebuilds a generational strategy's state from the history, so that it is a function of the seed and the history
/// alone: the complete trials (or those a given rule picks) are replayed in the order (finish time, trial number), each
/// joins the current generation if the state accepts it (the state tells its own trials from enqueued, added or other
/// optimizers' ones), and the first <see cref="IGenerationState{T}.Needed"/> members end the generation. The replay is
/// incremental: trials finishing later extend it; a trial that arrives out of that order (a finish time earlier than one
/// already replayed) rewinds it to the last checkpoint before its place (one is kept every few trials at generation
/// ends, the initial state always) and replays from there.
/// </summary>
/// <typeparam name="TState">The strategy's state.</typeparam>
internal sealed class GenerationReplay<TState>
    where TState : class, IGenerationState<TState>
{
    private const int CheckpointsKept = 4;

    private readonly Func<TState> _initial;
    private readonly Func<Trial, bool> _takesPart;
    private readonly int _checkpointSpacing;
    private readonly List<(DateTimeOffset Finished, int Number)> _events = [];
    private readonly List<(DateTimeOffset Finished, int Number)> _pending = [];
    private readonly List<(int Position, TState State)> _checkpoints = [];
    private readonly List<Trial> _members = [];
    private TState _state;
    private int _replayed;

    /// <summary>Creates a replay.</summary>
    /// <param name="initial">Builds the state before any trial.</param>
    /// <param name="takesPart">Which finished trials are replayed; null for the complete ones.</param>
    /// <param name="checkpointSpacing">The least number of replayed trials between two checkpoints.</param>
    public GenerationReplay(Func<TState> initial, Func<Trial, bool>? takesPart = null, int checkpointSpacing = 1)
    {
        _initial = initial;
        _takesPart = takesPart ?? (trial => trial.State == TrialState.Complete);
        _checkpointSpacing = checkpointSpacing;
        _state = initial();
    }

    /// <summary>Notes a finished trial; one that takes part is replayed at the next <see cref="Current"/>.</summary>
    public void Notify(Trial trial)
    {
        if (_takesPart(trial))
        {
            _pending.Add(trial.CompletionKey);
        }
    }

    /// <summary>The state after replaying every trial noted so far that takes part.</summary>
    public TState Current(TrialHistory history)
    {
        if (_pending.Count > 0)
        {
            Insert();
        }

        while (_replayed < _events.Count)
        {
            var trial = history[_events[_replayed++].Number];
            if (_state.Admit(trial))
            {
                _members.Add(trial);
            }

            if (_members.Count == _state.Needed)
            {
                _state.Advance(_members);
                _members.Clear();
                if (_replayed - (_checkpoints.Count > 0 ? _checkpoints[^1].Position : 0) >= _checkpointSpacing)
                {
                    _checkpoints.Add((_replayed, _state.Clone()));
                    if (_checkpoints.Count > CheckpointsKept)
                    {
                        _checkpoints.RemoveAt(0);
                    }
                }
            }
        }

        return _state;
    }

    /// <summary>Merges the pending trials into the ordered events, rewinding when one lands before the replayed part.</summary>
    private void Insert()
    {
        _pending.Sort();
        var earliest = int.MaxValue;
        foreach (var e in _pending)
        {
            var at = _events.BinarySearch(e);
            at = at < 0 ? ~at : at;
            _events.Insert(at, e);
            earliest = Math.Min(earliest, at);
        }

        _pending.Clear();
        if (earliest >= _replayed)
        {
            return;
        }

        while (_checkpoints.Count > 0 && _checkpoints[^1].Position > earliest)
        {
            _checkpoints.RemoveAt(_checkpoints.Count - 1);
        }

        (_replayed, _state) = _checkpoints.Count > 0 ? (_checkpoints[^1].Position, _checkpoints[^1].State.Clone()) : (0, _initial());
        _members.Clear();
    }
}
