namespace HpoSharp.Trials;

/// <summary>Where a trial is in its life.</summary>
public enum TrialState
{
    /// <summary>Enqueued with its parameters, not yet started.</summary>
    Waiting,

    /// <summary>Being evaluated.</summary>
    Running,

    /// <summary>Evaluated; its values are known.</summary>
    Complete,

    /// <summary>The objective threw, or returned NaN or an infinity; <see cref="Trial.Error"/> says why.</summary>
    Failed,

    /// <summary>The trial's time limit passed before the objective returned.</summary>
    TimedOut,

    /// <summary>Stopped by the study: cancellation, the study's time limit or its memory limit.</summary>
    Cancelled,

    /// <summary>Stopped early by the pruner.</summary>
    Pruned,
}

/// <summary>How a trial's parameters came about.</summary>
public enum TrialOrigin
{
    /// <summary>Suggested by the optimizer.</summary>
    Suggested,

    /// <summary>Enqueued by the user, to be evaluated before the optimizer's suggestions.</summary>
    Enqueued,

    /// <summary>Evaluated elsewhere and added to the study by the user (warm start).</summary>
    Added,
}

/// <summary>Whether an objective is to be minimised or maximised.</summary>
public enum Direction
{
    /// <summary>Smaller is better.</summary>
    Minimize,

    /// <summary>Larger is better.</summary>
    Maximize,
}
