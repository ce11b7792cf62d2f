using HpoSharp.Optimizers;

namespace HpoSharp.Bench.Problems;

/// <summary>The random stream of a problem's instance: a function of the problem's name and the run's seed only.</summary>
public static class InstanceRandom
{
    /// <summary>The stream of instance <paramref name="seed"/> of the problem named <paramref name="name"/>.</summary>
    public static RandomStream For(string name, ulong seed) => new(Fnv1a(name), seed);

    /// <summary>The 64-bit FNV-1a hash of a string's UTF-16 code units: stable across runs and platforms.</summary>
    public static ulong Fnv1a(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
