namespace HpoSharp.Execution;

/// <summary>Why the last call of <c>Optimize</c> ended.</summary>
public enum StopReason
{
    /// <summary>The study has not been run by <c>Optimize</c> (only ask and tell).</summary>
    None,

    /// <summary><see cref="StudyOptions.MaxEvaluations"/> evaluations have been run.</summary>
    BudgetReached,

    /// <summary>The optimizer had nothing left to suggest (an exhausted grid).</summary>
    Exhausted,

    /// <summary><see cref="StudyOptions.TimeLimit"/> passed.</summary>
    TimeLimit,

    /// <summary>The cancellation token given to <c>Optimize</c> fired.</summary>
    Cancelled,

    /// <summary><see cref="Study.Stop"/> was called, e.g. from a callback.</summary>
    Stopped,

    /// <summary>Memory was still above <see cref="StudyOptions.MemoryLimit"/> three polls after the running trials were cancelled.</summary>
    MemoryLimit,

    /// <summary>
    /// Something failed outside the objective (the optimizer or the trial store threw, the optimizer suggested an invalid
    /// configuration, or the callback, the logger or the memory probe threw): the running trials were cancelled and
    /// <c>Optimize</c> rethrew the error.
    /// </summary>
    Failed,
}
