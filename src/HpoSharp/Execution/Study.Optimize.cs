using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Execution;

/// <content>The <c>Optimize</c> loop: parallel workers, limits, failures and stopping.</content>
public sealed partial class Study
{
    private StudyRun? _run;

    /// <summary>
    /// Runs trials until the budget is spent, the optimizer is exhausted, a limit passes, the study is stopped or
    /// <paramref name="cancellationToken"/> fires, with <see cref="StudyOptions.MaxParallelism"/> evaluations at once,
    /// and returns the result. A failing objective fails its trial, not the study; if every trial fails, throws a
    /// <see cref="StudyFailedException"/> carrying the first failures.
    /// </summary>
    /// <param name="objective">The function to optimize, in any of the forms of <see cref="Objective"/>.</param>
    /// <param name="dataset">Passed to the objective as <see cref="TrialContext.Dataset"/>.</param>
    /// <param name="cancellationToken">Stops issuing trials and cancels running ones; the result so far is still returned.</param>
    public StudyResult Optimize(Objective objective, object? dataset = null, CancellationToken cancellationToken = default) =>
        RunAsync(objective, dataset, callerIsWorker: true, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Runs the seed's form of objective, <c>f(hps, dataset)</c>; see <see cref="Optimize(Objective, object?, CancellationToken)"/>.</summary>
    public StudyResult Optimize(Func<HyperParameters, object?, double> objective, object? dataset = null, CancellationToken cancellationToken = default) =>
        Optimize(Objective.Create(objective), dataset, cancellationToken);

    /// <summary>Runs an objective of the trial's context; see <see cref="Optimize(Objective, object?, CancellationToken)"/>.</summary>
    public StudyResult Optimize(Func<TrialContext, double> objective, object? dataset = null, CancellationToken cancellationToken = default) =>
        Optimize(Objective.Create(objective), dataset, cancellationToken);

    /// <summary>Runs a multi-objective function of the trial's context; see <see cref="Optimize(Objective, object?, CancellationToken)"/>.</summary>
    public StudyResult Optimize(Func<TrialContext, double[]> objective, object? dataset = null, CancellationToken cancellationToken = default) =>
        Optimize(Objective.Create(objective), dataset, cancellationToken);

    /// <summary>Runs an asynchronous objective, waiting for the result; see <see cref="Optimize(Objective, object?, CancellationToken)"/>.</summary>
    public StudyResult Optimize(Func<TrialContext, Task<double>> objective, object? dataset = null, CancellationToken cancellationToken = default) =>
        Optimize(Objective.Create(objective), dataset, cancellationToken);

    /// <summary>Runs an asynchronous multi-objective function, waiting for the result; see <see cref="Optimize(Objective, object?, CancellationToken)"/>.</summary>
    public StudyResult Optimize(Func<TrialContext, Task<double[]>> objective, object? dataset = null, CancellationToken cancellationToken = default) =>
        Optimize(Objective.Create(objective), dataset, cancellationToken);

    /// <summary>The asynchronous form of <see cref="Optimize(Objective, object?, CancellationToken)"/>.</summary>
    public Task<StudyResult> OptimizeAsync(Objective objective, object? dataset = null, CancellationToken cancellationToken = default) =>
        RunAsync(objective, dataset, callerIsWorker: false, cancellationToken);

    /// <summary>Runs the seed's form of objective asynchronously; see <see cref="OptimizeAsync(Objective, object?, CancellationToken)"/>.</summary>
    public Task<StudyResult> OptimizeAsync(Func<HyperParameters, object?, double> objective, object? dataset = null, CancellationToken cancellationToken = default) =>
        OptimizeAsync(Objective.Create(objective), dataset, cancellationToken);

    /// <summary>Runs an objective of the trial's context asynchronously; see <see cref="OptimizeAsync(Objective, object?, CancellationToken)"/>.</summary>
    public Task<StudyResult> OptimizeAsync(Func<TrialContext, double> objective, object? dataset = null, CancellationToken cancellationToken = default) =>
        OptimizeAsync(Objective.Create(objective), dataset, cancellationToken);

    /// <summary>Runs a multi-objective function of the trial's context asynchronously; see <see cref="OptimizeAsync(Objective, object?, CancellationToken)"/>.</summary>
    public Task<StudyResult> OptimizeAsync(Func<TrialContext, double[]> objective, object? dataset = null, CancellationToken cancellationToken = default) =>
        OptimizeAsync(Objective.Create(objective), dataset, cancellationToken);

    /// <summary>Runs an asynchronous objective of the trial's context; see <see cref="OptimizeAsync(Objective, object?, CancellationToken)"/>.</summary>
    public Task<StudyResult> OptimizeAsync(Func<TrialContext, Task<double>> objective, object? dataset = null, CancellationToken cancellationToken = default) =>
        OptimizeAsync(Objective.Create(objective), dataset, cancellationToken);

    /// <summary>Runs an asynchronous multi-objective function; see <see cref="OptimizeAsync(Objective, object?, CancellationToken)"/>.</summary>
    public Task<StudyResult> OptimizeAsync(Func<TrialContext, Task<double[]>> objective, object? dataset = null, CancellationToken cancellationToken = default) =>
        OptimizeAsync(Objective.Create(objective), dataset, cancellationToken);

    /// <summary>Stops the running <c>Optimize</c> call: no new trial starts; running trials finish normally.</summary>
    public void Stop() => Volatile.Read(ref _run)?.Stop(StopReason.Stopped, "The study was stopped.", cancelRunning: false);

    private async Task<StudyResult> RunAsync(Objective objective, object? dataset, bool callerIsWorker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objective);
        using var run = new StudyRun(Options, cancellationToken);
        if (Interlocked.CompareExchange(ref _run, run, null) is not null)
        {
            throw new InvalidOperationException("This study is already optimizing; raise StudyOptions.MaxParallelism for more parallel evaluations.");
        }

        try
        {
            var blocking = objective.IsSynchronous;
            var workers = Enumerable.Range(callerIsWorker && blocking ? 1 : 0, Options.MaxParallelism - (callerIsWorker && blocking ? 1 : 0))
                .Select(pid => blocking
                    ? OnOwnThread(() => WorkAsync(pid, run, objective, dataset, blocking), $"hpo-worker-{pid}")
                    : Task.Run(() => WorkAsync(pid, run, objective, dataset, blocking).AsTask()))
                .ToList();
            // The caller's own worker runs here, on its thread; if it fails, the others are still awaited first.
            var own = callerIsWorker && blocking ? WorkAsync(0, run, objective, dataset, blocking).AsTask() : Task.CompletedTask;
            await Task.WhenAll([own, .. workers]).ConfigureAwait(false);
        }
        finally
        {
            StopReason = run.Reason;
            Volatile.Write(ref _run, null);
        }

        run.ThrowIfFailed();
        var result = GetResult();
        var ran = run.Started.Select(number => result.Trials[number]).ToList();
        if (ran.Count > 0 && ran.All(t => t.State is TrialState.Failed or TrialState.TimedOut))
        {
            throw new StudyFailedException([.. ran.Take(5)]);
        }

        return result;
    }

    /// <summary>One worker's loop: wait while memory is high, start a trial, evaluate it; until the run stops.</summary>
    private async ValueTask WorkAsync(int pid, StudyRun run, Objective objective, object? dataset, bool blocking)
    {
        try
        {
            while (await run.WaitForMemoryAsync(blocking).ConfigureAwait(false) && Begin(pid, run, dataset) is { } context)
            {
                await EvaluateAsync(context, run, objective).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            run.Stop(StopReason.Failed, $"Worker {pid} failed: {e.Message}", cancelRunning: true);
            throw;
        }
    }

    /// <summary>Starts the worker's next trial, or stops the run (budget spent, optimizer exhausted) and returns null.</summary>
    private TrialContext? Begin(int pid, StudyRun run, object? dataset)
    {
        lock (_gate)
        {
            if (run.IsStopping)
            {
                return null;
            }

            Synchronize();
            if (Options.MaxEvaluations is { } budget && _evaluations >= budget)
            {
                run.Stop(StopReason.BudgetReached, "The budget of evaluations is spent.", cancelRunning: false);
                return null;
            }

            var context = StartTrial(pid, dataset);
            if (context is null)
            {
                run.Stop(StopReason.Exhausted, "The optimizer has nothing left to suggest.", cancelRunning: false);
            }
            else
            {
                run.Started.Add(context.Number);
            }

            return context;
        }
    }

    /// <summary>Evaluates one trial under its time limit and the run's cancellation, and records its outcome once.</summary>
    private async ValueTask EvaluateAsync(TrialContext context, StudyRun run, Objective objective)
    {
        using var cancellation = new CancellationTokenSource();
        context.CancellationToken = cancellation.Token;
        if (!run.TryRegister(context.Number, Cancel))
        {
            Conclude(TrialState.Cancelled, [], run.CancelMessage);
            return;
        }

        using var timer = Options.TrialTimeLimit is { } limit
            ? Options.TimeProvider.CreateTimer(_ => Cancel(TrialState.TimedOut, $"The trial's time limit of {limit} was reached."), null, limit, Timeout.InfiniteTimeSpan)
            : null;

        // Only the objective's own exceptions fail the trial; one from finishing it (the store, the optimizer) fails the
        // worker, and with it the run.
        (TrialState State, double[] Values, string? Error) outcome;
        try
        {
            outcome = (TrialState.Complete, await objective.InvokeAsync(context).ConfigureAwait(false), null);
        }
        catch (TrialPrunedException e)
        {
            outcome = (TrialState.Pruned, [], e.Message);
        }
        catch (Exception e)
        {
            outcome = (TrialState.Failed, [], $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            run.Unregister(context.Number);
        }

        Conclude(outcome.State, outcome.Values, outcome.Error);

        // Called from a timer or a cancellation: a failure to finish the trial stops the run before the objective is told.
        void Cancel(TrialState state, string reason)
        {
            run.Guarded(() => Finish(context.Number, state, [], reason));
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The objective has already returned.
            }
        }

        void Conclude(TrialState state, double[] values, string? error)
        {
            if (!Finish(context.Number, state, values, error) && context.TakeArtifact() is { } late)
            {
                Release(late);
            }
        }
    }

    private static Task OnOwnThread(Func<ValueTask> body, string name)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                body().AsTask().GetAwaiter().GetResult();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }
}
