using HpoSharp.Optimizers;

namespace HpoSharp.Bench.Problems.RealData;

/// <summary>K-fold cross-validation with a fixed, seeded assignment of samples to folds (stratified for classification).</summary>
public sealed class CrossValidation
{
    private readonly int[] _fold;

    /// <summary>Assigns the samples of <paramref name="data"/> to <paramref name="folds"/> folds.</summary>
    public CrossValidation(Dataset data, int folds, bool stratified)
    {
        ArgumentNullException.ThrowIfNull(data);
        Folds = folds;
        var rng = new RandomStream(20_241_129, 0);
        var order = Enumerable.Range(0, data.Count).ToArray();
        rng.Shuffle(order.AsSpan());
        if (stratified)
        {
            order = [.. order.OrderBy(i => data.Y[i])];
        }

        _fold = new int[data.Count];
        for (var k = 0; k < order.Length; k++)
        {
            _fold[order[k]] = k % folds;
        }
    }

    /// <summary>The number of folds.</summary>
    public int Folds { get; }

    /// <summary>The training and validation indices of fold <paramref name="k"/>.</summary>
    public (int[] Train, int[] Validation) Split(int k) =>
        ([.. Enumerable.Range(0, _fold.Length).Where(i => _fold[i] != k)], [.. Enumerable.Range(0, _fold.Length).Where(i => _fold[i] == k)]);

    /// <summary>The mean over folds of <paramref name="score"/>(train, validation).</summary>
    public double Mean(Func<int[], int[], double> score) => Enumerable.Range(0, Folds).Select(k =>
    {
        var (train, validation) = Split(k);
        return score(train, validation);
    }).Average();
}
