namespace HpoSharp.Tests;

/// <summary>How long a test waits for another thread: generous, so that a broken build fails rather than hangs.</summary>
internal static class Patience
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
}
