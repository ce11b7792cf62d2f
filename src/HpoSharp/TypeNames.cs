namespace HpoSharp;

/// <summary>Type names for messages.</summary>
internal static class TypeNames
{
    /// <summary>A type's name as C# writes it, with its type arguments: <c>List&lt;Boolean&gt;</c> rather than <c>List`1</c>.</summary>
    public static string Of(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return !type.IsGenericType || tick < 0 ? type.Name : $"{type.Name[..tick]}<{string.Join(", ", type.GetGenericArguments().Select(Of))}>";
    }
}
