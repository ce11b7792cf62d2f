using HpoSharp.Space;

namespace HpoSharp.Bench.Problems.RealData;

/// <summary>
/// Real tuning tasks on real data, cross-validated in C#. Their optimum is not known in closed form: f* is the lowest
/// loss found by the <c>reference</c> command (its own long search and every cached Optuna run, recorded here). A run
/// that goes below it would be floored and tie with every other such run, so the report warns when one does.
/// </summary>
public static class RealTasks
{
    /// <summary>The lowest cross-validated loss found for each task by <c>HpoSharp.Bench reference</c>.</summary>
    public static readonly IReadOnlyDictionary<string, double> ReferenceOptimum = new Dictionary<string, double>
    {
        ["real-logreg-breast-cancer"] = 0.07330816251634374,
        ["real-knn-wine"] = 0.14946738019269126,
        ["real-gbt-diabetes"] = 0.7078595563771305,
    };

    private static readonly Lazy<Fold[]> CancerFolds = new(() => Folds(Dataset.BreastCancer, 3, stratified: true, minMax: false));
    private static readonly Lazy<Fold[][]> WineFolds = new(() => [Folds(Dataset.Wine, 5, true, false), Folds(Dataset.Wine, 5, true, true), Folds(Dataset.Wine, 5, true, null)]);
    private static readonly Lazy<(byte[][] Train, double[] TrainY, byte[][] Validation, double[] ValidationY, BoostedTrees Model)[]> DiabetesFolds = new(DiabetesSplits);

    /// <summary>Elastic-net logistic regression on breast cancer: C and the L1 ratio, cross-validated log-loss.</summary>
    public static Problem LogisticBreastCancer(SuiteHalf half) => Task("real-logreg-breast-cancer", half,
        "elastic-net logistic regression (FISTA) on breast cancer (569 x 30), 3-fold CV log-loss",
        [new LogRangeHP("C", 1e-4, 1e3), new RangeHP("l1_ratio", 0, 1)],
        hps => CancerFolds.Value.Average(f =>
        {
            var w = LogisticRegression.Fit(f.Train, f.TrainY, hps.GetDouble("C"), hps.GetDouble("l1_ratio"));
            return LogisticRegression.LogLoss(w, f.Validation, f.ValidationY);
        }));

    /// <summary>k-nearest neighbours on wine: k, Minkowski order, vote weighting and feature scaling, cross-validated log-loss.</summary>
    public static Problem KnnWine(SuiteHalf half) => Task("real-knn-wine", half,
        "k-nearest neighbours on wine (178 x 13), 5-fold CV log-loss of smoothed votes",
        [new IntRangeHP("k", 1, 50), new RangeHP("p", 1, 4), new ChoiceHP("weights", "uniform", "distance"), new ChoiceHP("scaling", "standard", "minmax", "none")],
        hps =>
        {
            var folds = WineFolds.Value[Array.IndexOf(["standard", "minmax", "none"], hps.GetString("scaling"))];
            return folds.Average(f => NearestNeighbours.LogLoss(f.Train, f.TrainY, f.Validation, f.ValidationY, 3, hps.GetInt("k"), hps.GetDouble("p"), hps.GetString("weights") == "distance"));
        });

    /// <summary>Gradient-boosted trees on diabetes: six settings, cross-validated RMSE relative to the target's standard deviation.</summary>
    public static Problem BoostingDiabetes(SuiteHalf half) => Task("real-gbt-diabetes", half,
        "gradient-boosted trees on diabetes (442 x 10), 3-fold CV RMSE / sd(y)",
        [
            new LogRangeHP("learning_rate", 0.01, 1), new IntRangeHP("trees", 5, 80, log: true), new IntRangeHP("max_depth", 1, 5),
            new IntRangeHP("min_leaf", 1, 64, log: true), new RangeHP("subsample", 0.3, 1), new LogRangeHP("l2", 1e-3, 100),
        ],
        hps =>
        {
            var settings = new BoostingSettings(hps.GetDouble("learning_rate"), hps.GetInt("trees"), hps.GetInt("max_depth"), hps.GetInt("min_leaf"), hps.GetDouble("subsample"), hps.GetDouble("l2"));
            var sd = Math.Sqrt(Dataset.Diabetes.Y.Select(v => Math.Pow(v - Dataset.Diabetes.Y.Average(), 2)).Average());
            return DiabetesFolds.Value.Average(f =>
            {
                var p = f.Model.FitPredict(f.Train, f.TrainY, f.Validation, settings);
                return Math.Sqrt(p.Select((v, i) => Math.Pow(v - f.ValidationY[i], 2)).Average()) / sd;
            });
        });

    private static Problem Task(string name, SuiteHalf half, string description, HPSpace[] space, Func<HyperParameters, double> loss) =>
        new(name, "real-data", half, description, _ => new ProblemInstance
        {
            Space = space,
            Evaluate = hps => [loss(hps)],
            Optimum = ReferenceOptimum[name],
        });

    /// <summary>The folds with features standardised (false), scaled to [0, 1] (true) or left raw (null) on each training part.</summary>
    private static Fold[] Folds(Dataset data, int folds, bool stratified, bool? minMax)
    {
        var cv = new CrossValidation(data, folds, stratified);
        return [.. Enumerable.Range(0, cv.Folds).Select(k =>
        {
            var (train, validation) = cv.Split(k);
            var scale = minMax is { } m ? new Standardizer(data.X, train, m) : null;
            double[][] Rows(int[] rows) => scale?.Transform(data.X, rows) ?? [.. rows.Select(r => data.X[r])];
            return new Fold(Rows(train), [.. train.Select(r => data.Y[r])], Rows(validation), [.. validation.Select(r => data.Y[r])]);
        })];
    }

    private static (byte[][], double[], byte[][], double[], BoostedTrees)[] DiabetesSplits()
    {
        var data = Dataset.Diabetes;
        var cv = new CrossValidation(data, 3, stratified: false);
        return [.. Enumerable.Range(0, cv.Folds).Select(k =>
        {
            var (train, validation) = cv.Split(k);
            var model = new BoostedTrees(data.X, train);
            return (train.Select(r => model.Bin(data.X[r])).ToArray(), train.Select(r => data.Y[r]).ToArray(),
                validation.Select(r => model.Bin(data.X[r])).ToArray(), validation.Select(r => data.Y[r]).ToArray(), model);
        })];
    }

    private sealed record Fold(double[][] Train, double[] TrainY, double[][] Validation, double[] ValidationY);
}
