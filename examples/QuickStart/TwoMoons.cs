namespace HpoSharp.QuickStart;

/// <summary>The two-moons classification problem: two interleaved half circles with noise, split into training and validation sets.</summary>
internal sealed record TwoMoons(IReadOnlyList<(double X, double Y, int Label)> Train, IReadOnlyList<(double X, double Y, int Label)> Validation)
{
    public static TwoMoons Generate(int seed, int count = 400, double noise = 0.2)
    {
        var random = new Random(seed);
        var points = new List<(double, double, int)>(count);
        for (var i = 0; i < count; i++)
        {
            var label = i % 2;
            var angle = Math.PI * random.NextDouble();
            var (x, y) = label == 0 ? (Math.Cos(angle), Math.Sin(angle)) : (1 - Math.Cos(angle), 0.5 - Math.Sin(angle));
            points.Add((x + (noise * Gaussian(random)), y + (noise * Gaussian(random)), label));
        }

        return new TwoMoons(points[..(count * 3 / 4)], points[(count * 3 / 4)..]);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
