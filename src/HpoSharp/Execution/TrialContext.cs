using HpoSharp.Space;

namespace HpoSharp.Execution;

/// <summary>
/// What an objective sees of its trial: the typed hyper-parameters, the dataset, a cancellation token, and ways to
/// report progress for early stopping, to set attributes and to hand back an artifact (e.g. the trained model).
/// Also what <see cref="Study.Ask"/> returns when the user drives the loop.
/// </summary>
public sealed class TrialContext
{
    private readonly Study _study;
    private object? _artifact;

    internal TrialContext(Study study, int number, int worker, HyperParameters hyperParameters, object? dataset, CancellationToken cancellationToken)
    {
        _study = study;
        Number = number;
        Worker = worker;
        HyperParameters = hyperParameters;
        Dataset = dataset;
        CancellationToken = cancellationToken;
    }

    /// <summary>The trial's number in its study.</summary>
    public int Number { get; }

    /// <summary>The index of the worker running the trial (the seed's <c>pid</c>).</summary>
    public int Worker { get; }

    /// <summary>The hyper-parameters to evaluate; inactive ones are absent.</summary>
    public HyperParameters HyperParameters { get; }

    /// <summary>The dataset given to <c>Optimize</c>, or null.</summary>
    public object? Dataset { get; }

    /// <summary>Fires when the trial must stop: its time limit, the study's time limit or memory limit, or cancellation.</summary>
    public CancellationToken CancellationToken { get; internal set; }

    /// <summary>
    /// An object to keep with the trial, such as the trained model (the seed's "best trainer"). The study keeps the best
    /// trial's artifact and releases (disposes, when disposable) those of trials that are not, or no longer, the best.
    /// </summary>
    public object? Artifact
    {
        get => Volatile.Read(ref _artifact);
        set => Volatile.Write(ref _artifact, value);
    }

    /// <summary>Takes the artifact away from the context, leaving null.</summary>
    internal object? TakeArtifact() => Interlocked.Exchange(ref _artifact, null);

    /// <summary>The dataset as <typeparamref name="T"/>.</summary>
    public T GetDataset<T>() => Dataset is T typed
        ? typed
        : throw new InvalidCastException($"The dataset is {(Dataset is null ? "null" : $"a {TypeNames.Of(Dataset.GetType())}")}, not a {TypeNames.Of(typeof(T))}.");

    /// <summary>
    /// Records an intermediate value (e.g. a validation score after an epoch) at <paramref name="step"/>, which is at
    /// least 0; a step reported again keeps the last value.
    /// </summary>
    public void Report(long step, double value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        _study.Report(Number, step, value);
    }

    /// <summary>Whether the study's pruner judges, from the values reported so far, that the trial should stop.</summary>
    public bool ShouldPrune() => _study.ShouldPrune(Number);

    /// <summary>An exception to throw to stop the trial as pruned: <c>throw context.Prune();</c>.</summary>
    public TrialPrunedException Prune() => new($"Trial {Number} was pruned.");

    /// <summary>
    /// Sets a user attribute of the trial: a string, bool, integer (not <c>ulong</c>), float or double, or an array of
    /// strings, doubles, floats or integers (see <see cref="Trials.AttributeValue.Normalize"/>). Throws an
    /// <see cref="ArgumentException"/> for any other type, which fails the trial when the objective lets it through.
    /// </summary>
    public void SetAttribute(string key, object value) => _study.SetAttribute(Number, key, value);
}
