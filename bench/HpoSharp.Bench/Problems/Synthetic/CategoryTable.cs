using HpoSharp.Optimizers;

namespace HpoSharp.Bench.Problems.Synthetic;

/// <summary>A seeded cost per choice of a categorical parameter, the best choice costing exactly 0.</summary>
public static class CategoryTable
{
    /// <summary><paramref name="count"/> costs drawn uniformly in [0, <paramref name="scale"/>), shifted so that the smallest is 0.</summary>
    public static double[] Draw(int count, double scale, RandomStream rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var costs = Enumerable.Range(0, count).Select(_ => rng.NextDouble() * scale).ToArray();
        var min = costs.Min();
        return [.. costs.Select(c => c - min)];
    }

    /// <summary>The given costs in an order shuffled by <paramref name="rng"/>.</summary>
    public static double[] Shuffled(double[] costs, RandomStream rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var copy = (double[])costs.Clone();
        rng.Shuffle(copy.AsSpan());
        return copy;
    }

    /// <summary>The names v0, v1, ... of <paramref name="count"/> choices.</summary>
    public static object[] Choices(int count) => [.. Enumerable.Range(0, count).Select(i => (object)$"v{i}")];

    /// <summary>The index of a choice named by <see cref="Choices"/>.</summary>
    public static int IndexOf(object choice) => int.Parse(((string)choice)[1..], System.Globalization.CultureInfo.InvariantCulture);
}
