using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Execution;

/// <summary>What a study found: every trial, the best one with its typed hyper-parameters, value and artifact, and the Pareto front.</summary>
public sealed class StudyResult
{
    private readonly IReadOnlyDictionary<int, object> _artifacts;

    internal StudyResult(
        IReadOnlyList<Trial> trials,
        Trial? bestTrial,
        HyperParameters? bestHp,
        IReadOnlyDictionary<int, object> artifacts,
        IReadOnlyList<Trial> paretoFront,
        StopReason stopReason,
        ulong seed,
        SearchSpace space,
        IReadOnlyList<Direction> directions,
        IReadOnlyList<string>? objectiveNames)
    {
        Trials = trials;
        BestTrial = bestTrial;
        BestHp = bestHp;
        _artifacts = artifacts;
        ParetoFront = paretoFront;
        StopReason = stopReason;
        Seed = seed;
        Space = space;
        Directions = directions;
        ObjectiveNames = objectiveNames ?? (directions.Count == 1 ? ["value"] : [.. Enumerable.Range(0, directions.Count).Select(i => $"value_{i}")]);
    }

    /// <summary>Every trial, by number.</summary>
    public IReadOnlyList<Trial> Trials { get; }

    /// <summary>The best trial, or null when none completed (or the study has several objectives: see <see cref="ParetoFront"/>).</summary>
    public Trial? BestTrial { get; }

    /// <summary>
    /// The best trial's hyper-parameters, typed as the objective saw them; null when none completed, and in a
    /// multi-objective study, whose best trials are the <see cref="ParetoFront"/> (read each one's with
    /// <see cref="HyperParametersOf"/>).
    /// </summary>
    public HyperParameters? BestHp { get; }

    /// <summary>The best trial's value in the user's direction, or NaN (also in a multi-objective study).</summary>
    public double BestValue => BestTrial?.Value ?? double.NaN;

    /// <summary>The artifact the best trial's objective set (e.g. the trained model), or null.</summary>
    public object? BestArtifact => BestTrial is null ? null : ArtifactOf(BestTrial);

    /// <summary>
    /// The complete trials that no other complete trial dominates, in increasing trial number (trials with equal values
    /// all kept); for one objective, the trials with the best value. Each carries its values; <see cref="HyperParametersOf"/>
    /// gives its hyper-parameters, and <see cref="Optimizers.MultiObjective.Hypervolume.OfTrials"/> the hypervolume it dominates.
    /// </summary>
    public IReadOnlyList<Trial> ParetoFront { get; }

    /// <summary>Why the last <c>Optimize</c> call ended.</summary>
    public StopReason StopReason { get; }

    /// <summary>The study's seed.</summary>
    public ulong Seed { get; }

    /// <summary>The search space.</summary>
    public SearchSpace Space { get; }

    /// <summary>The direction of each objective.</summary>
    public IReadOnlyList<Direction> Directions { get; }

    /// <summary>The name of each objective (<c>value</c>, or <c>value_0</c>, <c>value_1</c>... unless named).</summary>
    public IReadOnlyList<string> ObjectiveNames { get; }

    /// <summary>
    /// The artifact that <paramref name="trial"/>'s objective set, if the study kept it: the best trial's, or in a
    /// multi-objective study each <see cref="ParetoFront"/> trial's; null for any other trial, whose artifact was released.
    /// </summary>
    public object? ArtifactOf(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return _artifacts.GetValueOrDefault(trial.Number);
    }

    /// <summary>The typed hyper-parameters of <paramref name="trial"/>.</summary>
    public HyperParameters HyperParametersOf(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Space.Decode(trial.Params.AsSpan());
    }

    /// <summary>
    /// A one-line summary: the number of trials by state, then the best trial's value, number and hyper-parameters (or
    /// the size of the Pareto front and the objectives' names, or that no trial completed), and why the study stopped.
    /// </summary>
    public override string ToString()
    {
        var counts = Trials.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}").ToList();
        var states = counts.Count == 0 ? string.Empty : $" ({string.Join(", ", counts)})";
        var found = ParetoFront.Count == 0 ? "no complete trial"
            : Directions.Count > 1 ? $"Pareto front of size {ParetoFront.Count} over {Directions.Count} objectives ({string.Join(", ", ObjectiveNames)})"
            : $"best {HPSpace.Text(BestValue, "G6")} at trial {BestTrial!.Number} with {BestHp}";
        return $"trials: {Trials.Count}{states}; {found}; stopped: {StopReason}";
    }

    /// <summary>Writes every trial as CSV (RFC 4180), one row per trial, one column per parameter and objective.</summary>
    public void WriteCsv(TextWriter writer) => TrialExport.WriteCsv(this, writer);

    /// <summary>Every trial as CSV.</summary>
    public string ToCsv()
    {
        using var writer = new StringWriter();
        WriteCsv(writer);
        return writer.ToString();
    }

    /// <summary>Writes every trial as a JSON array.</summary>
    public void WriteJson(Stream stream) => TrialExport.WriteJson(this, stream);

    /// <summary>Every trial as a JSON array.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        WriteJson(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
