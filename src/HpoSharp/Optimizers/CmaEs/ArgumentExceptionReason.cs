namespace HpoSharp.Optimizers;

/// <summary>The reason an <see cref="ArgumentException"/> gives, to quote it inside another message.</summary>
internal static class ArgumentExceptionReason
{
    /// <summary>The message without the "(Parameter '…')" that <see cref="ArgumentException"/> appends to it.</summary>
    public static string Reason(this ArgumentException e) =>
        e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : e.Message;
}
