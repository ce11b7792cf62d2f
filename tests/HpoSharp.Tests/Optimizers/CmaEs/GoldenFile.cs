using System.Globalization;
using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>Reads the golden files next to the CMA-ES tests and compares the strategy's state with their numbers.</summary>
internal static class GoldenFile
{
    /// <summary>
    /// The lines of golden file <paramref name="name"/> without its comments (only those of section
    /// <c>scenario <paramref name="scenario"/></c> when it is given), each as its name and its numbers.
    /// </summary>
    public static List<(string Name, double[] Values)> Lines(string name, string? scenario = null)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Optimizers", "CmaEs", name)).Where(l => !l.StartsWith('#'));
        if (scenario is not null)
        {
            lines = lines.SkipWhile(l => l != $"scenario {scenario}").Skip(1).TakeWhile(l => !l.StartsWith("scenario ", StringComparison.Ordinal));
        }

        return [.. lines.Select(l => l.Split(' ')).Select(f => (f[0], f[1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()))];
    }

    /// <summary>
    /// Replays the generations of <paramref name="lines"/> from line <paramref name="start"/>: each is a block of
    /// <paramref name="lambda"/> <c>x</c> lines, the samples best first, handed to <paramref name="tell"/>, then the state
    /// lines that follow, handed with the generation's number (from 1) to <paramref name="check"/>.
    /// </summary>
    /// <returns>The number of generations.</returns>
    public static int Replay(List<(string Name, double[] Values)> lines, int start, int lambda, Action<double[][]> tell, Action<Dictionary<string, double[]>, int> check)
    {
        var (at, generation) = (start, 0);
        while (at < lines.Count)
        {
            var samples = lines.Skip(at).TakeWhile(l => l.Name == "x").Select(l => l.Values).ToArray();
            Assert.Equal(lambda, samples.Length);
            tell(samples);
            at += samples.Length;
            var state = lines.Skip(at).TakeWhile(l => l.Name != "x").ToDictionary(l => l.Name, l => l.Values);
            at += state.Count;
            check(state, ++generation);
        }

        return generation;
    }

    /// <summary>
    /// Replays the generations of <paramref name="lines"/> from line <paramref name="start"/>, as the overload above does,
    /// through the updates of <paramref name="gaussian"/> with its parameters <paramref name="p"/>.
    /// </summary>
    /// <returns>The number of generations.</returns>
    public static int Replay(List<(string Name, double[] Values)> lines, int start, GaussianSearch gaussian, CmaParameters p, Action<Dictionary<string, double[]>, int> check) =>
        Replay(lines, start, p.Lambda, samples => gaussian.Update(samples, new bool[samples.Length], p), check);

    /// <summary>C's upper triangle, row by row, rebuilt as B D² Bᵀ from the decomposition that follows every update.</summary>
    public static double[] UpperTriangle(GaussianSearch gaussian)
    {
        var d = gaussian.AxisLengths.ToArray();
        var n = d.Length;
        return [.. from i in Enumerable.Range(0, n)
                   from j in Enumerable.Range(i, n - i)
                   select Enumerable.Range(0, n).Sum(k => gaussian.AxisEntry(i, k) * d[k] * d[k] * gaussian.AxisEntry(j, k))];
    }

    /// <summary>Asserts that every entry differs by at most <paramref name="tolerance"/> times the largest expected magnitude.</summary>
    public static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max(Math.Abs);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max() / scale;
        Assert.True(worst <= tolerance, $"{what}: relative difference {worst.ToString("E2", CultureInfo.InvariantCulture)}; expected {Text(expected)}, actual {Text(actual)}");
    }

    private static string Text(double[] values) => string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
