using System.Globalization;
using System.IO.Compression;

namespace HpoSharp.Bench.Problems.RealData;

/// <summary>A table of features and a target, loaded from the CSV files copied from scikit-learn (see THIRD-PARTY-NOTICES.md).</summary>
/// <param name="X">The features, one row per sample.</param>
/// <param name="Y">The target: a class index, or a real value for regression.</param>
public sealed record Dataset(double[][] X, double[] Y)
{
    private static readonly Lazy<Dataset> BreastCancerData = new(() => ClassificationCsv("breast_cancer.csv"));
    private static readonly Lazy<Dataset> WineData = new(() => ClassificationCsv("wine_data.csv"));
    private static readonly Lazy<Dataset> DiabetesData = new(LoadDiabetes);

    /// <summary>Wisconsin diagnostic breast cancer: 569 samples, 30 features, 2 classes.</summary>
    public static Dataset BreastCancer => BreastCancerData.Value;

    /// <summary>Wine recognition: 178 samples, 13 features, 3 classes.</summary>
    public static Dataset Wine => WineData.Value;

    /// <summary>Diabetes progression: 442 samples, 10 raw features, a real target.</summary>
    public static Dataset Diabetes => DiabetesData.Value;

    /// <summary>The number of samples.</summary>
    public int Count => X.Length;

    /// <summary>The number of classes of a classification target.</summary>
    public int Classes => (int)Y.Max() + 1;

    private static Dataset ClassificationCsv(string file)
    {
        var rows = Lines(file).Skip(1).Select(l => l.Split(',').Select(Parse).ToArray()).ToArray();
        return new Dataset([.. rows.Select(r => r[..^1])], [.. rows.Select(r => r[^1])]);
    }

    private static Dataset LoadDiabetes()
    {
        var x = Lines("diabetes_data_raw.csv.gz").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToArray()).ToArray();
        var y = Lines("diabetes_target.csv.gz").Select(Parse).ToArray();
        return new Dataset(x, y);
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static IEnumerable<string> Lines(string file)
    {
        var stream = typeof(Dataset).Assembly.GetManifestResourceStream($"HpoSharp.Bench.Data.{file}")
            ?? throw new InvalidOperationException($"The embedded data file {file} is missing.");
        using var reader = new StreamReader(file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
