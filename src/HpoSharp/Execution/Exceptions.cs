using HpoSharp.Trials;

namespace HpoSharp.Execution;

/// <summary>Thrown by an objective (or by <see cref="TrialContext.Prune"/>) to stop its trial as pruned.</summary>
public sealed class TrialPrunedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrialPrunedException()
        : base("The trial was pruned.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrialPrunedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TrialPrunedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Thrown by <c>Optimize</c> when every trial failed; it carries the first failures.</summary>
public sealed class StudyFailedException : Exception
{
    /// <summary>Creates the exception from the failed trials.</summary>
    public StudyFailedException(IReadOnlyList<Trial> failures)
        : base(Describe(failures))
    {
        Failures = failures;
    }

    /// <summary>The first failed trials, with their errors.</summary>
    public IReadOnlyList<Trial> Failures { get; }

    private static string Describe(IReadOnlyList<Trial> failures) =>
        $"Every trial failed. The first failures:{string.Concat(failures.Select(t => $"{Environment.NewLine}  trial {t.Number} ({t.State}): {t.Error}"))}";
}
