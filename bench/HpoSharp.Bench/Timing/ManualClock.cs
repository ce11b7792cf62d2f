namespace HpoSharp.Bench.Timing;

/// <summary>A clock moved by hand, for simulating parallel workers in virtual time.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock to <paramref name="time"/> (never backwards).</summary>
    public void MoveTo(DateTimeOffset time) => _now = time > _now ? time : _now;
}
