using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.ExceptionServices;
using HpoSharp.Optimizers;
using HpoSharp.Trials;
using Microsoft.Extensions.Logging;

namespace HpoSharp.Execution;

/// <content>A trial's life in the study: started, finished once, counted, reported and synchronised with the store.</content>
public sealed partial class Study
{
    /// <summary>Starts a trial (enqueued first, else suggested) under the gate; null when the optimizer is exhausted.</summary>
    private TrialContext? StartTrial(int worker, object? dataset)
    {
        Synchronize();
        var now = Options.TimeProvider.GetUtcNow();
        var trial = _store.ClaimWaitingTrial(worker, now);
        if (trial is null)
        {
            var suggestion = _optimizer.Suggest(worker);
            if (suggestion is null)
            {
                return null;
            }

            var encoded = (double[])suggestion.Params.Clone();
            Space.ApplyConditions(encoded);
            try
            {
                Space.Validate(encoded);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"{_optimizer.GetType().Name} suggested an invalid configuration: {e.Message}", e);
            }

            trial = _store.CreateTrial(new Trial
            {
                State = TrialState.Running,
                Origin = TrialOrigin.Suggested,
                Params = [.. encoded],
                Worker = worker,
                Started = now,
                Heartbeat = now,
                SystemAttributes = suggestion.SystemAttributes.ToImmutableDictionary(kv => kv.Key, kv => AttributeValue.Normalize(kv.Key, kv.Value)),
            });
        }

        Synchronize();
        var context = new TrialContext(this, trial.Number, worker, Space.Decode(trial.Params.AsSpan()), dataset, CancellationToken.None);
        _contexts[trial.Number] = context;
        return context;
    }

    /// <summary>Finishes a trial started by <see cref="Ask"/>, throwing when it is unknown or already finished.</summary>
    private void CompleteOrThrow(int number, TrialState state, double[] values, string? error)
    {
        var trial = Locked(() =>
        {
            Synchronize();
            if (number < 0 || number >= _trials.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(number), number, $"There is no trial {number}; the study has {_trials.Count}.");
            }

            return _trials[number].State == TrialState.Waiting
                ? throw new InvalidOperationException($"Trial {number} is waiting to be asked for; ask for it before telling its outcome, or add a trial evaluated elsewhere with AddTrial.")
                : _trials[number];
        });

        if (!trial.IsFinished && Finish(number, state, values, error, keepLateValues: false))
        {
            return;
        }

        // The outcome that won a race (another thread, or another study on the store) may not be synchronized yet.
        throw Read(() => new InvalidOperationException($"Trial {number} is already finished ({_trials[number].State})."));
    }

    /// <summary>
    /// Finishes a trial once: a complete trial whose values are not one finite number per direction fails instead.
    /// Returns false when the trial was already finished; a complete result is then kept as <see cref="LateValuesAttribute"/>
    /// if <paramref name="keepLateValues"/>.
    /// </summary>
    private bool Finish(int number, TrialState state, double[]? values, string? error, bool keepLateValues = true)
    {
        if (state == TrialState.Complete && ValueFault(values, "The objective returned") is { } fault)
        {
            (state, values, error) = (TrialState.Failed, [], fault);
        }

        double[] kept = state == TrialState.Complete ? values ?? [] : [];
        if (!_store.FinishTrial(number, state, [.. kept], error, Options.TimeProvider.GetUtcNow()))
        {
            if (state == TrialState.Complete && keepLateValues)
            {
                _store.SetAttribute(number, LateValuesAttribute, kept, system: false);
            }

            return false;
        }

        AfterFinish();
        return true;
    }

    /// <summary>
    /// Synchronizes, takes the artifacts of newly finished trials from their contexts, releases every artifact but those
    /// of the best trials, and reports the finished trials to the log and the callback, one call at a time, in order.
    /// </summary>
    private void AfterFinish()
    {
        Locked(() =>
        {
            Synchronize();
            List<Trial> finished = [.. _unreported];
            _unreported.Clear();
            foreach (var trial in finished)
            {
                if (_contexts.Remove(trial.Number, out var context) && context.TakeArtifact() is { } artifact)
                {
                    _artifacts[trial.Number] = artifact;
                }
            }

            var keep = _artifacts.Count == 0 ? [] : KeptTrials();
            foreach (var number in _artifacts.Keys.Where(n => !keep.Contains(n)).ToList())
            {
                _artifacts.Remove(number, out var artifact);
                Release(artifact!);
            }

            // Queued under the gate that took them, so that trials are reported in the order they were learnt, whichever
            // thread then takes the callback gate first.
            var best = _history.IsMultiObjective ? null : _optimizer.BestHp()?.Number;
            foreach (var trial in finished)
            {
                _toReport.Enqueue((trial, trial.Number == best));
            }
        });

        lock (_callbackGate)
        {
            // A callback that finishes a trial itself comes back here on its own thread: the loop below reports that
            // trial once the callback has returned, so that callbacks never nest.
            if (_reporting)
            {
                return;
            }

            ExceptionDispatchInfo? failure = null;
            _reporting = true;
            try
            {
                while (NextToReport() is { } next)
                {
                    try
                    {
                        LogFinished(next.Trial, next.IsNewBest);
                        Options.OnTrialFinished?.Invoke(this, next.Trial);
                    }
                    catch (Exception e)
                    {
                        // Within Optimize the logger and the callback may run on a worker, a timer or a cancellation;
                        // the run stops and Optimize rethrows the error. With ask and tell the first error reaches the
                        // caller of Tell once every queued trial has been reported.
                        if (Volatile.Read(ref _run) is { } run)
                        {
                            run.Fail("A callback", e);
                        }
                        else
                        {
                            failure ??= ExceptionDispatchInfo.Capture(e);
                        }
                    }
                }
            }
            finally
            {
                _reporting = false;
            }

            failure?.Throw();
        }
    }

    /// <summary>The oldest finished trial not yet reported, with whether it was the best when it was learnt; null when none.</summary>
    private (Trial Trial, bool IsNewBest)? NextToReport()
    {
        lock (_gate)
        {
            return _toReport.TryDequeue(out var next) ? next : null;
        }
    }

    private HashSet<int> KeptTrials()
    {
        if (_history.IsMultiObjective)
        {
            return [.. Pareto.Front(_history).Select(t => t.Number)];
        }

        return _optimizer.BestHp() is { } best ? [best.Number] : [];
    }

    /// <summary>Disposes an artifact that is disposable.</summary>
    internal static void Release(object artifact)
    {
        switch (artifact)
        {
            case IDisposable disposable:
                disposable.Dispose();
                break;
            case IAsyncDisposable asyncDisposable:
                asyncDisposable.DisposeAsync().AsTask().GetAwaiter().GetResult();
                break;
        }
    }

    /// <summary>
    /// Brings the local history up to date with the store under the gate, counts evaluations, notifies the optimizer
    /// of newly finished trials in completion order (by finish time, then number, so that a fresh study replaying a
    /// stored history sees the same order), and queues them for <see cref="AfterFinish"/> to report. An error of the
    /// optimizer on one trial is rethrown once the others have been notified, and stops a running <c>Optimize</c>.
    /// </summary>
    private void Synchronize()
    {
        var changes = _store.GetChanges(_version);
        foreach (var trial in changes.Trials)
        {
            CheckFits(trial);
        }

        _version = changes.Version;
        var finished = new List<Trial>();
        foreach (var trial in changes.Trials)
        {
            if (trial.Number == _trials.Count)
            {
                _trials.Add(trial);
                _finishSeen.Add(false);
                _evaluationCounted.Add(false);
            }
            else if (trial.Number < _trials.Count)
            {
                _trials[trial.Number] = trial;
            }
            else
            {
                throw new InvalidOperationException($"The store skipped trial numbers: it returned trial {trial.Number} while the study knows {_trials.Count}.");
            }

            if (!_evaluationCounted[trial.Number] && trial.Origin != TrialOrigin.Added && trial.State != TrialState.Waiting)
            {
                _evaluationCounted[trial.Number] = true;
                _evaluations++;
            }

            if (trial.IsFinished && !_finishSeen[trial.Number])
            {
                _finishSeen[trial.Number] = true;
                finished.Add(trial);
            }
        }

        finished.Sort((a, b) => a.CompletionKey.CompareTo(b.CompletionKey));
        _unreported.AddRange(finished);

        // An optimizer that fails on one trial still learns the others of the batch; the first error is rethrown.
        ExceptionDispatchInfo? failure = null;
        foreach (var trial in finished)
        {
            try
            {
                _optimizer.Notify(trial);
            }
            catch (Exception e)
            {
                failure ??= ExceptionDispatchInfo.Capture(e);
            }
        }

        if (failure is not null)
        {
            // Whichever thread synchronizes first meets the error, perhaps one that only reads the study: a running
            // Optimize must stop and rethrow it all the same.
            Volatile.Read(ref _run)?.FailLater("The optimizer", failure.SourceException);
            failure.Throw();
        }
    }

    /// <summary>Synchronizes and reads the study under the gate, as <see cref="Locked(Action)"/> runs it.</summary>
    private T Read<T>(Func<T> read) => Locked(() =>
    {
        Synchronize();
        return read();
    });

    /// <summary>
    /// Runs <paramref name="body"/>, which synchronizes, under the gate; once the gate is released, cancels the running
    /// trials of an <c>Optimize</c> that an error of the optimizer met while synchronizing has stopped, whichever thread
    /// met it.
    /// </summary>
    private void Locked(Action body) => Locked(() =>
    {
        body();
        return true;
    });

    /// <summary>Runs <paramref name="body"/> as <see cref="Locked(Action)"/> does, returning its result.</summary>
    private T Locked<T>(Func<T> body)
    {
        try
        {
            lock (_gate)
            {
                return body();
            }
        }
        finally
        {
            Volatile.Read(ref _run)?.CancelRunningIfFailed();
        }
    }

    /// <summary>Refuses a stored trial of another search space or another number of objectives, which no optimizer can read.</summary>
    private void CheckFits(Trial trial)
    {
        var dimensions = Space.Dimensions.Count;
        var values = trial.State == TrialState.Complete ? trial.Values.Length : Directions.Count;
        if (trial.Params.Length != dimensions || values != Directions.Count)
        {
            throw new InvalidOperationException($"Trial {trial.Number} in the store has {trial.Params.Length} parameter value(s) and {trial.Values.Length} objective value(s), but this study's search space has {dimensions} dimension(s) and it has {Directions.Count} objective(s); a store holds the trials of one search space and one set of objectives.");
        }
    }

    /// <summary>Why <paramref name="values"/> are not one finite number per direction, in a sentence opening with <paramref name="source"/>; null when they are.</summary>
    private string? ValueFault(double[]? values, string source)
    {
        if (values is null)
        {
            return $"{source} null; the study has {Directions.Count} objective(s).";
        }

        if (values.Length != Directions.Count)
        {
            return $"{source} {values.Length} value(s); the study has {Directions.Count} objective(s).";
        }

        var bad = Array.FindIndex(values, v => !double.IsFinite(v));
        return bad < 0 ? null : $"{source} {values[bad].ToString(CultureInfo.InvariantCulture)}{(values.Length > 1 ? $" for objective {bad}" : string.Empty)}; a value must be finite.";
    }

    /// <summary>Logs how <paramref name="trial"/> finished, and a second line when it is the study's new best.</summary>
    private void LogFinished(Trial trial, bool isNewBest)
    {
        if (Options.Logger is not { } logger)
        {
            return;
        }

        var hps = HyperParametersOf(trial);
        if (trial.State == TrialState.Complete)
        {
            var values = string.Join(", ", trial.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            logger.LogInformation("Trial {Number} complete: {Values} with {HyperParameters}", trial.Number, values, hps.ToString());
            if (isNewBest)
            {
                logger.LogInformation("Trial {Number} is the new best: {Value}", trial.Number, trial.Value);
            }
        }
        else
        {
            logger.LogWarning("Trial {Number} {State}: {Error} with {HyperParameters}", trial.Number, trial.State, trial.Error, hps.ToString());
        }
    }
}
