using HpoSharp.Execution;
using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <content>The seed's <c>optimize()</c>: hands the work to a <see cref="Study"/>.</content>
public abstract partial class BaseHPOptimizer
{
    /// <summary>The objective given when the optimizer was built (the seed's <c>build_hpo_from_name(name, space, f)</c>), or null.</summary>
    public Objective? Objective { get; set; }

    /// <summary>
    /// Optimizes <see cref="Objective"/> on <paramref name="dataset"/> in a new study and returns the best
    /// hyper-parameters, the best value and every trial.
    /// </summary>
    /// <param name="dataset">Passed to the objective.</param>
    /// <param name="options">How the study runs; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the study; the result so far is still returned.</param>
    public virtual StudyResult Optimize(object? dataset = null, StudyOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Checked before the study takes the optimizer, so that the advice of a refusal can still be followed.
        var objective = ObjectiveFor(dataset);
        return new Study(this, options).Optimize(objective, dataset, cancellationToken);
    }

    /// <summary>The asynchronous form of <see cref="Optimize(object?, StudyOptions?, CancellationToken)"/>.</summary>
    public virtual Task<StudyResult> OptimizeAsync(object? dataset = null, StudyOptions? options = null, CancellationToken cancellationToken = default)
    {
        var objective = ObjectiveFor(dataset);
        return new Study(this, options).OptimizeAsync(objective, dataset, cancellationToken);
    }

    private Objective ObjectiveFor(object? dataset) => dataset switch
    {
        Execution.Objective
            or Func<HyperParameters, object?, double>
            or Func<TrialContext, double>
            or Func<TrialContext, double[]>
            or Func<TrialContext, Task<double>>
            or Func<TrialContext, Task<double[]>> => throw new ArgumentException("The first argument of Optimize is the dataset; give the objective to HpoRegistry.Build, set Objective, or call Study.Optimize(objective).", nameof(dataset)),
        _ => Objective ?? throw new InvalidOperationException($"{GetType().Name} has no objective: build it with one, set Objective, or call Study.Optimize(objective)."),
    };
}
