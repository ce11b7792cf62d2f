namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>A clock that reads whatever the test sets, backwards too, to stamp trials with chosen finish times.</summary>
internal sealed class ScriptedClock : TimeProvider
{
    /// <summary>The first reading.</summary>
    public DateTimeOffset Start { get; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The current reading.</summary>
    public DateTimeOffset Now { get; set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => Now;
}
