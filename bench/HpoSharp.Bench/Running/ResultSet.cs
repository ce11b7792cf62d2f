using HpoSharp.Bench.Metrics;
using HpoSharp.Bench.Problems;

namespace HpoSharp.Bench.Running;

/// <summary>The runs of every column on every problem, by seed, with the largest budget each was run to.</summary>
public sealed class ResultSet
{
    private readonly Dictionary<(Column, string), (int Budget, SortedDictionary<int, RunTrace> Runs)> _runs = [];
    private readonly List<Column> _columns = [];

    /// <summary>The columns: HpoSharp's by name, then Optuna's by version and sampler.</summary>
    public IReadOnlyList<Column> Columns => [.. _columns.OrderBy(c => c.IsHpoSharp ? 0 : 1).ThenBy(c => c.Version, StringComparer.Ordinal).ThenBy(c => c.Algorithm, StringComparer.Ordinal)];

    /// <summary>Records the run of <paramref name="column"/> on <paramref name="problem"/> with <paramref name="seed"/>, made to <paramref name="budget"/> trials.</summary>
    public void Add(Column column, string problem, int seed, int budget, RunTrace trace)
    {
        lock (_runs)
        {
            if (!_columns.Contains(column))
            {
                _columns.Add(column);
            }

            if (!_runs.TryGetValue((column, problem), out var entry))
            {
                entry = _runs[(column, problem)] = (budget, new SortedDictionary<int, RunTrace>());
            }

            entry.Runs[seed] = trace;
        }
    }

    /// <summary>The runs of a column on a problem, or null when it has none.</summary>
    public (int Budget, IReadOnlyList<RunTrace> Runs)? Get(Column column, string problem) =>
        _runs.TryGetValue((column, problem), out var entry) ? (entry.Budget, [.. entry.Runs.Values]) : null;

    /// <summary>The lowest noise-free value (of the first objective) that any run of any column reached on <paramref name="problem"/>, or +∞.</summary>
    public double LowestValue(string problem) =>
        _runs.Where(r => r.Key.Item2 == problem).SelectMany(r => r.Value.Runs.Values).SelectMany(t => t.Points).Select(p => p.True[0]).DefaultIfEmpty(double.PositiveInfinity).Min();

    /// <summary>
    /// For each real-data task of <paramref name="problems"/> on which some run went below the recorded f* (so that it
    /// is floored and ties with every other such run), a sentence saying so.
    /// </summary>
    public IReadOnlyList<string> BelowReference(IEnumerable<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return [.. from problem in problems.Where(p => p.Family == "real-data")
                   let lowest = LowestValue(problem.Name)
                   let recorded = Instances.Get(problem, 0).Optimum
                   where lowest < recorded
                   select string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a run reached {lowest:R} on {problem.Name}, below its recorded f* {recorded:R}")];
    }

    /// <summary>The seeds of the runs of a column on a problem, in the order of <see cref="Get"/>.</summary>
    public IReadOnlyList<int> Seeds(Column column, string problem) => _runs.TryGetValue((column, problem), out var entry) ? [.. entry.Runs.Keys] : [];

    /// <summary>
    /// The scores (regret or hypervolume gap) of a column on a problem at <paramref name="budget"/>, one per seed, or
    /// null when the column has no runs there or was not run that far.
    /// </summary>
    public double[]? Scores(Column column, Problem problem, int budget)
    {
        if (!_runs.TryGetValue((column, problem.Name), out var entry) || entry.Budget < budget)
        {
            return null;
        }

        return [.. entry.Runs.Select(run => Score(run.Value, problem, budget, run.Key))];
    }

    /// <summary>The score of one run at a budget.</summary>
    public static double Score(RunTrace run, Problem problem, int budget, int seed)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(problem);
        var instance = Instances.Get(problem, seed);
        return problem.IsMultiObjective
            ? run.HypervolumeGap(budget, instance.ReferencePoint!, instance.FrontHypervolume)
            : run.Regret(budget, instance.Optimum);
    }
}

/// <summary>Problem instances by (problem, seed), built once: the optimum of an instance is needed for every column's score.</summary>
public static class Instances
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), ProblemInstance> Cache = new();

    /// <summary>The instance of <paramref name="problem"/> for <paramref name="seed"/>.</summary>
    public static ProblemInstance Get(Problem problem, int seed) => Cache.GetOrAdd((problem.Name, seed), _ => problem.Create((ulong)seed));
}
