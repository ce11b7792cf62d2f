using System.Runtime.ExceptionServices;
using HpoSharp.Trials;

namespace HpoSharp.Execution;

/// <summary>
/// The state of one call of <c>Optimize</c>: why and whether it is stopping, the trials its workers are running,
/// the study's deadline, and the memory watch that holds workers back while the process is above its cap.
/// </summary>
internal sealed class StudyRun : IDisposable
{
    /// <summary>How many more polls above the cap, after the first one cancelled the running trials, end the study.</summary>
    private const int MemoryPollsBeforeStop = 3;

    private readonly Lock _gate = new();
    private readonly StudyOptions _options;
    private readonly Dictionary<int, Action<TrialState, string>> _running = [];
    private readonly CancellationTokenRegistration _cancellation;
    private readonly ITimer? _deadline;
    private readonly ITimer? _memoryWatch;
    private TaskCompletionSource _memoryOk = Opened();
    private StopReason _reason;
    private string? _cancelMessage;
    private ExceptionDispatchInfo? _failure;
    private string? _pendingCancel;
    private int _memoryStrikes;

    public StudyRun(StudyOptions options, CancellationToken cancellationToken)
    {
        _options = options;
        _cancellation = cancellationToken.Register(() => Stop(StopReason.Cancelled, "The study was cancelled.", cancelRunning: true));
        if (options.TimeLimit is { } limit)
        {
            _deadline = options.TimeProvider.CreateTimer(_ => Stop(StopReason.TimeLimit, $"The study's time limit of {limit} was reached.", cancelRunning: true), null, limit, Timeout.InfiniteTimeSpan);
        }

        if (options.MemoryLimit is not null)
        {
            _memoryWatch = options.TimeProvider.CreateTimer(_ => WatchMemory(), null, options.MemoryPollInterval, options.MemoryPollInterval);
        }
    }

    /// <summary>Why the run stopped, or <see cref="StopReason.None"/> while it goes on.</summary>
    public StopReason Reason
    {
        get
        {
            lock (_gate)
            {
                return _reason;
            }
        }
    }

    /// <summary>The numbers of the trials this run started (enqueued or suggested), added under the study's gate.</summary>
    public List<int> Started { get; } = [];

    /// <summary>Whether no new trial may start.</summary>
    public bool IsStopping => Reason != StopReason.None;

    /// <summary>Why running trials were cancelled, or null while a trial that has begun may run to its end.</summary>
    public string? CancelMessage
    {
        get
        {
            lock (_gate)
            {
                return _cancelMessage;
            }
        }
    }

    /// <summary>
    /// Stops the run for <paramref name="reason"/> (the first reason given wins, except that <see cref="StopReason.Failed"/>
    /// replaces any other, since <c>Optimize</c> then rethrows); with <paramref name="cancelRunning"/>, running trials are
    /// cancelled with <paramref name="message"/>.
    /// </summary>
    public void Stop(StopReason reason, string message, bool cancelRunning)
    {
        List<Action<TrialState, string>> toCancel;
        lock (_gate)
        {
            if (_reason == StopReason.None || reason == StopReason.Failed)
            {
                _reason = reason;
            }

            if (cancelRunning)
            {
                _cancelMessage ??= message;
            }

            // Each running trial is cancelled once: a cancellation that fails and stops the run again finds none left.
            toCancel = cancelRunning ? [.. _running.Values] : [];
            if (cancelRunning)
            {
                _running.Clear();
            }
        }

        OpenMemoryGate();
        foreach (var cancel in toCancel)
        {
            cancel(TrialState.Cancelled, message);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/>, which finishes a trial from a timer or a cancellation (so it may call the store,
    /// the optimizer, the logger and the callback), where an exception would end the process or be lost: one fails the
    /// run instead (see <see cref="Fail"/>).
    /// </summary>
    public void Guarded(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            Fail("Finishing a cancelled trial", e);
        }
    }

    /// <summary>
    /// Stops the run because <paramref name="source"/> (a callback, the logger, the memory probe, finishing a trial) threw
    /// <paramref name="error"/>, cancelling the running trials; the first such error is rethrown by
    /// <see cref="ThrowIfFailed"/> once the workers are done.
    /// </summary>
    public void Fail(string source, Exception error) => Stop(StopReason.Failed, Keep(source, error), cancelRunning: true);

    /// <summary>
    /// Like <see cref="Fail"/>, for an error met under the study's gate, where cancelling a trial (which finishes it, and
    /// so takes the gate and the callback's) could deadlock: no new trial starts now, and the running ones are cancelled
    /// by <see cref="CancelRunningIfFailed"/> once the gate is released.
    /// </summary>
    public void FailLater(string source, Exception error)
    {
        var message = Keep(source, error);
        Interlocked.CompareExchange(ref _pendingCancel, message, null);
        Stop(StopReason.Failed, message, cancelRunning: false);
    }

    /// <summary>Cancels the running trials for an error given to <see cref="FailLater"/>, unless they have been cancelled already.</summary>
    public void CancelRunningIfFailed()
    {
        if (Volatile.Read(ref _pendingCancel) is { } message && CancelMessage is null)
        {
            Stop(StopReason.Failed, message, cancelRunning: true);
        }
    }

    /// <summary>Rethrows, with its original stack trace, the first error given to <see cref="Fail"/> or <see cref="FailLater"/>, if any.</summary>
    public void ThrowIfFailed() => Volatile.Read(ref _failure)?.Throw();

    /// <summary>Keeps <paramref name="error"/> for <see cref="ThrowIfFailed"/> unless an earlier one is kept, and returns the message that stops the run.</summary>
    private string Keep(string source, Exception error)
    {
        Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(error), null);
        return $"{source} failed: {error.Message}";
    }

    /// <summary>
    /// Registers a trial that has begun with the callback that cancels it; false (and nothing registered) once running
    /// trials have been cancelled, so that none escapes the cancellation. A stop that lets running trials finish (the
    /// budget, <c>Stop</c>) does not refuse a trial that began before it.
    /// </summary>
    public bool TryRegister(int number, Action<TrialState, string> cancel)
    {
        lock (_gate)
        {
            if (_cancelMessage is not null)
            {
                return false;
            }

            _running[number] = cancel;
            return true;
        }
    }

    /// <summary>Forgets a trial whose objective has returned.</summary>
    public void Unregister(int number)
    {
        lock (_gate)
        {
            _running.Remove(number);
        }
    }

    /// <summary>
    /// Waits while memory is above the cap; false when the run stops meanwhile. Blocks the thread for synchronous
    /// objectives (whose workers own their threads) and yields for asynchronous ones.
    /// </summary>
    public async ValueTask<bool> WaitForMemoryAsync(bool blocking)
    {
        Task open;
        lock (_gate)
        {
            open = _memoryOk.Task;
        }

        if (blocking)
        {
            open.Wait();
        }
        else
        {
            await open.ConfigureAwait(false);
        }

        return !IsStopping;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _cancellation.Dispose();
        _deadline?.Dispose();
        _memoryWatch?.Dispose();
    }

    private static TaskCompletionSource Opened()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private void OpenMemoryGate()
    {
        lock (_gate)
        {
            _memoryOk.TrySetResult();
        }
    }

    private void WatchMemory()
    {
        var limit = _options.MemoryLimit!.Value;
        long used;
        try
        {
            used = _options.MemoryProbe();
        }
        catch (Exception e)
        {
            // The probe runs on the clock's timer, where an exception would end the process.
            Fail("The memory probe", e);
            return;
        }

        if (used <= limit)
        {
            lock (_gate)
            {
                _memoryStrikes = 0;
                _memoryOk.TrySetResult();
            }

            return;
        }

        List<Action<TrialState, string>> toCancel;
        int strikes;
        lock (_gate)
        {
            if (_memoryOk.Task.IsCompleted && _reason == StopReason.None)
            {
                _memoryOk = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            toCancel = [.. _running.Values];
            strikes = ++_memoryStrikes;
        }

        var message = $"The memory limit of {limit} bytes was exceeded ({used} bytes in use).";
        foreach (var cancel in toCancel)
        {
            cancel(TrialState.Cancelled, message);
        }

        if (strikes > 1)
        {
            GC.Collect();
        }

        if (strikes > MemoryPollsBeforeStop)
        {
            Stop(StopReason.MemoryLimit, message, cancelRunning: true);
        }
    }
}
