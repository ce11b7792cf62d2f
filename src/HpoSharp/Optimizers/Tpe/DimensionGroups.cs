using HpoSharp.Space;

namespace HpoSharp.Optimizers;

/// <summary>
/// The groups of dimensions the TPE models jointly. Dimensions activated by the same conditions are active in exactly
/// the same trials, so a group's kernels come from the trials in which the whole group was active (Optuna's
/// <c>group=True</c>, derived here from the search space rather than from the trials seen so far). Univariate mode puts
/// every dimension in its own group.
/// </summary>
internal static class DimensionGroups
{
    /// <summary>
    /// The groups of <paramref name="space"/>, each in dimension order, ordered by their first dimension: every
    /// condition's parent then belongs to an earlier group, so groups can be assigned front to back.
    /// </summary>
    public static int[][] Of(SearchSpace space, bool multivariate)
    {
        var count = space.Dimensions.Count;
        if (!multivariate)
        {
            return [.. Enumerable.Range(0, count).Select(d => new[] { d })];
        }

        return [.. Enumerable.Range(0, count)
            .GroupBy(d => Signature(space.ConditionsOf(d)))
            .Select(g => g.ToArray())
            .OrderBy(g => g[0])];
    }

    /// <summary>A text naming the conditions of a dimension: parent and allowed choices, in parent order.</summary>
    private static string Signature(IReadOnlyList<DimensionCondition> conditions) =>
        string.Join(";", conditions.OrderBy(c => c.Parent).Select(c => $"{c.Parent}:{string.Concat(c.Allowed.Select(a => a ? '1' : '0'))}"));
}
