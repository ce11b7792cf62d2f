namespace HpoSharp;

/// <summary>Type names for messages.</summary>
internal static class TypeNames
{
    /// <summary>
    /// A type's name as C# writes it, with its type arguments and array ranks: <c>List&lt;Boolean&gt;</c> rather than
    /// <c>List`1</c>, and <c>List&lt;Double&gt;[]</c> rather than <c>List`1[]</c>.
    /// </summary>
    public static string Of(Type type)
    {
        if (type.IsArray)
        {
            return $"{Of(type.GetElementType()!)}[{new string(',', type.GetArrayRank() - 1)}]";
        }

        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return !type.IsGenericType || tick < 0 ? type.Name : $"{type.Name[..tick]}<{string.Join(", ", type.GetGenericArguments().Select(Of))}>";
    }
}
