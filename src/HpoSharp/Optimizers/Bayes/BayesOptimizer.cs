using System.Collections.Immutable;
using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <summary>
/// <c>bayes</c>: Bayesian optimization with a Gaussian process. After <see cref="BayesOptions.StartupTrials"/> scrambled
/// Sobol points, each suggestion
/// <list type="number">
/// <item>collects the complete trials in model coordinates (<see cref="ModelSpace"/>: the unit cube, log ranges in log
/// space, integers and steps at the centres of their cells, choices as indices, inactive parameters explicit) with their
/// performance warped, standardised and shifted so that the prior mean is the worst value seen (<see cref="TrainingSet"/>);</item>
/// <item>fits a Matérn 5/2 kernel with a length scale per dimension (a Hamming one for choices), an output scale and a
/// noise variance, by maximising the marginal likelihood plus weak priors, starting from the fit stored on the latest
/// trial, so that a resumed study or another worker rebuilds the same model from the history;</item>
/// <item>adds the pending trials at their predicted values (the kriging believer), so that parallel workers spread out;</item>
/// <item>maximises the log expected improvement over the best value (<see cref="AcquisitionOptimizer"/>), weighted, when
/// some trials failed, timed out or were pruned, by the probability that a trial there gives a value.</item>
/// </list>
/// The fitted hyper-parameters travel on the suggested trial as the system attribute <see cref="KernelAttribute"/>.
/// Single objective only.
/// </summary>
public sealed class BayesOptimizer : BaseHPOptimizer
{
    /// <summary>The trial attribute holding the raw kernel hyper-parameters behind a suggestion: the logarithms of the inverse squared length scales, the output scale and the noise.</summary>
    public const string KernelAttribute = "bayes:kernel";

    /// <summary>
    /// The trial attribute holding the number of complete trials in the history when the kernel behind a suggestion was
    /// fitted (the fit itself uses at most <see cref="BayesOptions.MaxFitTrials"/> of them).
    /// </summary>
    public const string FittedOnAttribute = "bayes:fitted-on";

    /// <summary>The trial attribute holding the index of the Sobol point a start-up trial received.</summary>
    public const string SobolAttribute = "bayes:sobol";

    private const ulong StartupStream = 0xBA1E5;
    private const double FeasibilityNoise = 1e-6;
    private readonly ModelSpace _model;
    private SobolSequence? _startup;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="space">The search space, of at most <see cref="SobolSequence.MaxDimensions"/> dimensions.</param>
    /// <param name="options">Its options; null for the defaults.</param>
    public BayesOptimizer(SearchSpace space, BayesOptions? options = null)
        : base(space)
    {
        Options = options ?? new();
        Options.Validate();
        SobolSequence.CheckCovers(space, "bayes");

        _model = new ModelSpace(space);
    }

    /// <summary>The options in use.</summary>
    public BayesOptions Options { get; }

    /// <inheritdoc/>
    protected internal override Suggestion? GetSuggestion(int pid)
    {
        if (_model.Dimensions == 0)
        {
            return Array.Empty<double>();
        }

        var data = TrainingSet.Collect(History, _model, Options.MaxModelTrials);
        if (InStartup(data))
        {
            return StartupSuggestion();
        }

        var (parameters, fittedOn) = FitKernel(data);
        var process = new GaussianProcess(new MaternKernel(_model.Categorical, parameters), data.Points, data.Values);
        var threshold = data.Values.Max();
        if (data.PendingCount > 0)
        {
            (process, threshold) = BelievePending(process, data.Pending, data.PendingCount, threshold);
        }

        var acquisition = new LogExpectedImprovement(process, threshold) { Feasibility = Feasibility(data, parameters) };
        var optimizer = new AcquisitionOptimizer(_model, acquisition) { Candidates = CandidateCount(process.Count), LocalSearches = Options.LocalSearches };
        var (best, _) = optimizer.Maximize(Incumbents(data), Rng);
        var x = new double[_model.Dimensions];
        _model.Mask(best, x);
        var suggestion = new Suggestion(_model.FromModel(x));
        suggestion.SystemAttributes[KernelAttribute] = parameters.ToRaw();
        suggestion.SystemAttributes[FittedOnAttribute] = fittedOn;
        return suggestion;
    }

    /// <summary>
    /// Whether the next suggestion is a start-up point: until <see cref="BayesOptions.StartupTrials"/> trials are complete,
    /// except that with parallel workers the model takes over once that many trials have started (complete or pending)
    /// and at least half of them are complete, rather than spending a start-up point on every idle worker.
    /// </summary>
    private bool InStartup(TrainingSet data)
    {
        var startup = Options.StartupTrials;
        return data.CompleteCount < startup && (data.CompleteCount + data.PendingCount < startup || data.CompleteCount < (startup + 1) / 2);
    }

    /// <summary>
    /// The kernel's hyper-parameters and the number of complete trials they were fitted on, by the refit schedule: while
    /// there are at most <see cref="BayesOptions.RestartTrialLimit"/> complete trials, every suggestion refits, from the
    /// fit stored in the history, the priors' modes and random starts; beyond, the stored fit is reused until the number
    /// of complete trials has grown by <see cref="BayesOptions.RefitGrowth"/>, and then refitted from it alone.
    /// </summary>
    private (KernelParameters Parameters, long FittedOn) FitKernel(TrainingSet data)
    {
        var (previous, fittedOn) = LatestFit();
        var complete = data.CompleteCount;
        if (previous is not null && complete > Options.RestartTrialLimit && complete < fittedOn + Math.Max(1, fittedOn * Options.RefitGrowth))
        {
            return (KernelParameters.FromRaw(previous), fittedOn);
        }

        var (points, values) = data.FitSubset(Options.MaxFitTrials);
        var likelihood = new MarginalLikelihood(_model.Categorical, points, values, new KernelPrior(_model.Dimensions));
        var restarts = complete <= Options.RestartTrialLimit ? Options.FitRestarts : 0;
        return (KernelParameters.FromRaw(KernelFit.Fit(likelihood, previous, restarts, Rng)), complete);
    }

    /// <summary>
    /// The number of Sobol candidates: <see cref="BayesOptions.Candidates"/> up to 200 observations, then fewer in
    /// proportion, since each costs a triangular solve of the size of the model (at least 256).
    /// </summary>
    private int CandidateCount(int observations) =>
        observations <= 200 ? Options.Candidates : Math.Max(Math.Min(256, Options.Candidates), (int)((long)Options.Candidates * 200 / observations));

    /// <summary>The raw hyper-parameters stored on the latest trial that has them and the number of trials they were fitted on, or null.</summary>
    private (double[]? Raw, long FittedOn) LatestFit()
    {
        for (var i = History.Count - 1; i >= 0; i--)
        {
            var attributes = History[i].SystemAttributes;
            if (attributes.TryGetValue(KernelAttribute, out var value) && value is ImmutableArray<double> raw
                && raw.Length == KernelParameters.RawLength(_model.Dimensions))
            {
                return ([.. raw], attributes.TryGetValue(FittedOnAttribute, out var n) && n is long fittedOn ? fittedOn : 0);
            }
        }

        return (null, 0);
    }

    /// <summary>
    /// When some trials ended without a value (failed, timed out or pruned), the process of the trials' outcomes that
    /// weights the acquisition: 1/2 at the complete trials and -1/2 at those, with the fitted length scales and a unit
    /// output scale, so that far from every trial the probability of a value is 1/2 and near the configurations that
    /// failed it falls towards 0. It holds at most <see cref="BayesOptions.MaxModelTrials"/> points, the complete ones
    /// chosen as for a fit. Null when every trial gave a value.
    /// </summary>
    private GaussianProcess? Feasibility(TrainingSet data, KernelParameters parameters)
    {
        if (data.FailedCount == 0)
        {
            return null;
        }

        var (points, values) = data.FitSubset(Options.MaxModelTrials - data.FailedCount);
        var outcomes = new double[values.Length + data.FailedCount];
        outcomes.AsSpan(0, values.Length).Fill(0.5);
        outcomes.AsSpan(values.Length).Fill(-0.5);
        var kernel = new MaternKernel(_model.Categorical, new KernelParameters(parameters.InverseSquaredLengthScales, 1, Math.Max(parameters.Noise, FeasibilityNoise)));
        return new GaussianProcess(kernel, [.. points, .. data.Failed], outcomes);
    }

    /// <summary>Conditions the process on its own predictions at the pending points; the threshold becomes the best of all.</summary>
    private static (GaussianProcess Process, double Threshold) BelievePending(GaussianProcess process, double[] pending, int count, double threshold)
    {
        var means = new double[count];
        process.PredictMany(pending, count, means, new double[count]);
        return (process.With(pending, means), Math.Max(threshold, means.Max()));
    }

    /// <summary>
    /// The latent points of the best observed configurations, as many as half the local searches, best first; their
    /// inactive coordinates are filled at random, ready for a local search that switches a parent choice.
    /// </summary>
    private List<double[]> Incumbents(TrainingSet data)
    {
        var p = _model.Dimensions;
        var incumbents = new List<double[]>();
        foreach (var i in data.Ranking().Take(Math.Max(1, Options.LocalSearches / 2)))
        {
            var latent = data.Points.AsSpan(i * p, p).ToArray();
            for (var d = 0; d < p; d++)
            {
                if (double.IsNaN(latent[d]))
                {
                    latent[d] = _model.Snap(d, Rng.NextDouble());
                }
            }

            incumbents.Add(latent);
        }

        return incumbents;
    }

    /// <summary>The next point of the scrambled Sobol sequence, indexed by a counter kept on the trials.</summary>
    private Suggestion StartupSuggestion()
    {
        _startup ??= new SobolSequence(_model.Dimensions, new RandomStream(Seed, StartupStream));
        long next = 0;
        foreach (var trial in History)
        {
            if (trial.SystemAttributes.TryGetValue(SobolAttribute, out var value) && value is long index)
            {
                next = Math.Max(next, index + 1);
            }
        }

        var u = new double[_model.Dimensions];
        _startup.Point(next, u);
        var latent = new double[u.Length];
        _model.FromCube(u, latent);
        var x = new double[u.Length];
        _model.Mask(latent, x);
        var suggestion = new Suggestion(_model.FromModel(x));
        suggestion.SystemAttributes[SobolAttribute] = next;
        return suggestion;
    }
}
