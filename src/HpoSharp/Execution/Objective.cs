using HpoSharp.Space;

namespace HpoSharp.Execution;

/// <summary>
/// The function being optimized, in any of its forms: the seed's <c>f(hps, dataset)</c>, or a function of the whole
/// <see cref="TrialContext"/>, synchronous or asynchronous, returning one value or several (multi-objective).
/// Synchronous objectives run on threads of their own, so a long evaluation never starves the thread pool.
/// </summary>
public sealed class Objective
{
    private readonly Func<TrialContext, double[]>? _sync;
    private readonly Func<TrialContext, Task<double[]>>? _async;

    private Objective(Func<TrialContext, double[]>? sync, Func<TrialContext, Task<double[]>>? async)
    {
        _sync = sync;
        _async = async;
    }

    /// <summary>Whether the objective is synchronous.</summary>
    public bool IsSynchronous => _sync is not null;

    /// <summary>The seed's form: a value from the hyper-parameters and the dataset.</summary>
    public static Objective Create(Func<HyperParameters, object?, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(c => [f(c.HyperParameters, c.Dataset)], null);
    }

    /// <summary>A value from the trial's context (hyper-parameters, dataset, cancellation, reporting, attributes, artifact).</summary>
    public static Objective Create(Func<TrialContext, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(c => [f(c)], null);
    }

    /// <summary>Several values (one per objective of a multi-objective study) from the trial's context.</summary>
    public static Objective Create(Func<TrialContext, double[]> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f, null);
    }

    /// <summary>An asynchronous objective returning a value.</summary>
    public static Objective Create(Func<TrialContext, Task<double>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(null, async c => [await f(c).ConfigureAwait(false)]);
    }

    /// <summary>An asynchronous objective returning several values.</summary>
    public static Objective Create(Func<TrialContext, Task<double[]>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(null, f);
    }

    /// <summary>Wraps the seed's form.</summary>
    public static implicit operator Objective(Func<HyperParameters, object?, double> f) => Create(f);

    /// <summary>Wraps a synchronous context objective.</summary>
    public static implicit operator Objective(Func<TrialContext, double> f) => Create(f);

    /// <summary>Wraps a synchronous multi-objective.</summary>
    public static implicit operator Objective(Func<TrialContext, double[]> f) => Create(f);

    /// <summary>Wraps an asynchronous context objective.</summary>
    public static implicit operator Objective(Func<TrialContext, Task<double>> f) => Create(f);

    /// <summary>Wraps an asynchronous multi-objective.</summary>
    public static implicit operator Objective(Func<TrialContext, Task<double[]>> f) => Create(f);

    /// <summary>Evaluates the objective: inline when synchronous, awaited when not.</summary>
    internal ValueTask<double[]> InvokeAsync(TrialContext context) =>
        _sync is not null ? ValueTask.FromResult(_sync(context)) : new ValueTask<double[]>(_async!(context));
}
