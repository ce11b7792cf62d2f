namespace HpoSharp.Trials;

/// <summary>
/// A read-only view of a study's trials (every state, from every worker) with the study's directions,
/// giving each trial's performance on the higher-is-better scale that every algorithm maximises.
/// </summary>
public sealed class TrialHistory : IReadOnlyList<Trial>
{
    private readonly IReadOnlyList<Trial> _trials;

    /// <summary>Creates a view of <paramref name="trials"/> (indexed by trial number) for objectives with <paramref name="directions"/>.</summary>
    public TrialHistory(IReadOnlyList<Trial> trials, IReadOnlyList<Direction> directions)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(directions);
        if (directions.Count == 0)
        {
            throw new ArgumentException("A study needs at least one direction.", nameof(directions));
        }

        _trials = trials;
        Directions = directions;
    }

    /// <summary>The direction of each objective.</summary>
    public IReadOnlyList<Direction> Directions { get; }

    /// <summary>Whether the study has more than one objective.</summary>
    public bool IsMultiObjective => Directions.Count > 1;

    /// <summary>The number of trials, which is also the number the next trial will get.</summary>
    public int Count => _trials.Count;

    /// <summary>The trial numbered <paramref name="number"/>.</summary>
    public Trial this[int number] => _trials[number];

    /// <summary>The complete trials, in number order.</summary>
    public IEnumerable<Trial> Completed => _trials.Where(t => t.State == TrialState.Complete);

    /// <summary>
    /// The trial's performance on objective <paramref name="objective"/>, higher is better (the value, negated when minimising),
    /// or NaN when the trial has no value.
    /// </summary>
    public double Perf(Trial trial, int objective = 0)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.State != TrialState.Complete || trial.Values.Length <= objective)
        {
            return double.NaN;
        }

        return Directions[objective].Perf(trial.Values[objective]);
    }

    /// <inheritdoc/>
    public IEnumerator<Trial> GetEnumerator() => _trials.GetEnumerator();

    /// <inheritdoc/>
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
