using HpoSharp.Optimizers;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Optimizers.Tpe;

/// <summary>
/// The univariate split, weights and Parzen estimators of <c>tpe</c>, configured as docs/GUIDE.md says reproduces
/// Optuna's <c>TPESampler(multivariate=False, constant_liar=False)</c>, against golden numbers of Optuna 5.0.0.dev
/// (commit 1d8ce7bb6f3c7274a7a31a0a007991995085baa7). GenerateOptunaParzenGolden.py, next to this file, adds the same 32
/// complete trials to an Optuna study, splits them with the sampler's <c>_split_trials</c> and <c>default_gamma</c>,
/// builds each parameter's below and above estimators with the sampler's <c>_build_parzen_estimator</c> and prints their
/// mixture weights and their <c>log_pdf</c> at the points below (numpy 1.24.2, scipy 1.10.1). The history has a tie
/// across the split (trials 10 and 14), two good trials at the same x (the neighbour gap 0, clipped), more than 25 bad
/// trials (the forgetting ramp) and one parameter of each kind: real, log real, integer, stepped real, 3 choices, log
/// integer. Ties between kernels of different weights are avoided (trials 0 and 1, on the ramp, share no value): Optuna
/// hands the neighbour gaps to tied observations in the order of numpy's unstable argsort (docs/GUIDE.md, section 7).
/// </summary>
public sealed class OptunaParzenGoldenTests
{
    private const double Tolerance = 1e-10;

    private static readonly Dimension[] Space =
    [
        Dimension.Real("x", -5, 5),
        Dimension.Real("lr", 1e-5, 1e-1, log: true),
        Dimension.Integer("n", 1, 20),
        Dimension.Real("s", 0, 1.5, step: 0.1),
        Dimension.Categorical("c", 3),
        Dimension.Integer("k", 1, 100, log: true),
    ];

    private static readonly double[][] Columns =
    [
        [-1.762, -3.492, 1.509, -4.276, 0.359, -1.343, -4.42, 0.074, -4.625, -0.664, -4.301, -4.093, -0.755, 3.269, -3.762, -2.768, 1.274, 4.477, 0.771, -1.033, 4.763, -4.534, 3.585, -2.104, -3.557, -3.822, -1.915, 3.161, -4.301, 0.816, 1.389, -1.276],
        [0.00155, 1.78e-05, 1.73e-05, 6.67e-05, 0.00527, 0.000513, 0.000181, 0.0022, 0.00065, 0.000158, 0.015, 0.00625, 9.47e-05, 0.00198, 0.00126, 0.0317, 0.00828, 0.000142, 0.0833, 2.97e-05, 0.00047, 0.0107, 4.05e-05, 0.000903, 1.43e-05, 0.00471, 0.0114, 0.00196, 0.0318, 0.00018, 0.00604, 0.00238],
        [18, 14, 3, 3, 9, 16, 3, 2, 10, 19, 15, 10, 13, 12, 1, 15, 12, 6, 20, 4, 16, 2, 7, 10, 5, 8, 13, 13, 16, 3, 6, 15],
        [1.2, 1.4, 0.4, 0.2, 0.6, 0.8, 0.4, 0.6, 0.5, 1.0, 0.6, 0.3, 0.2, 0.1, 0.2, 0.2, 0.3, 1.0, 0.3, 0.0, 0.7, 0.9, 0.2, 0.4, 0.4, 0.0, 0.2, 0.6, 0.8, 0.5, 0.9, 0.9],
        [1, 0, 2, 2, 2, 2, 2, 2, 0, 1, 2, 2, 1, 1, 1, 1, 0, 1, 2, 1, 0, 0, 0, 0, 1, 0, 0, 1, 2, 0, 0, 0],
        [14, 12, 79, 17, 1, 3, 6, 19, 81, 16, 9, 2, 9, 90, 9, 4, 2, 32, 30, 9, 24, 11, 3, 80, 5, 24, 67, 33, 4, 19, 2, 49],
    ];

    private static readonly double[] Values =
        [5.18, 9.08, 3.56, 2.23, 5.42, 5.03, 6.36, 6.13, 7.88, 7.58, 1.95, 2.39, 4.01, 8.03, 1.95, 4.93, 7.31, 9.9, 7.9, 4.72, 1.94, 6.05, 3.44, 8.09, 7.23, 3.5, 9.75, 0.81, 1.02, 4.7, 3.38, 4.83];

    /// <summary>The settings of the "Optuna's TPESampler" column of docs/GUIDE.md (univariate, no constant liar).</summary>
    private static readonly TpeOptions OptunaOptions = new()
    {
        Multivariate = false,
        ConstantLiar = false,
        ImprovementWeights = false,
        PriorWeight = 1.0,
        MagicClipExponent = 1,
        DiscreteMinBandwidth = 0,
    };

    /// <summary>Each dimension, the points (user units, or choice indices) and Optuna's log l and log g there.</summary>
    public static TheoryData<string, double[], double[], double[]> Densities() => new()
    {
        { "x", [-5.0, -4.999, -4.301, -4.0, -2.5, -1.0, 0.0, 1.0, 2.2, 3.161, 4.5, 5.0], [-2.1034462266274874, -2.1032844538733237, -2.039060713740637, -2.0420008193945938, -2.282582476606726, -2.6105298275221047, -2.701259217020324, -2.666883672261798, -2.44467077706238, -2.186596358334473, -1.9731447553925543, -1.9842315701496895], [-2.7428917171261387, -2.7388887157731583, -1.4581142294307452, -1.5069624029256528, -2.863414656253822, -1.762152870870955, -2.4610764402969845, -1.930773619082728, -3.4184548927463982, -3.1753158610679404, -3.084289811547563, -3.369307801410989] },
        { "lr", [1e-05, 2e-05, 0.0001, 0.0003, 0.001, 0.00155, 0.003, 0.01, 0.0196, 0.03, 0.07, 0.1], [-3.7425831676142796, -3.492576273796123, -2.664283271639572, -2.233358155575571, -2.023201613478061, -1.9898507931610199, -1.9469018254428487, -1.8592149612247522, -1.8531392630094297, -1.8898548136141546, -2.087955951309657, -2.224803647624192], [-2.9253432919484674, -2.049696800829271, -2.030535999459616, -2.874930082382834, -2.027579414765387, -1.9069065072782716, -2.152084098665945, -1.828732426378685, -2.9989114283259206, -3.102275616482773, -3.114737085806321, -3.2339611771189647] },
        { "n", [1.0, 2.0, 3.0, 5.0, 7.0, 9.0, 11.0, 13.0, 15.0, 16.0, 19.0, 20.0], [-4.672254332068767, -4.6410225164171255, -4.599653727461675, -4.427955140615376, -4.020811575186445, -3.4084190672062746, -2.8131320776744, -2.4027370691440506, -2.249240013526908, -2.2778800943794577, -2.786486594745469, -3.0827570350051534], [-3.0764518949407593, -2.5275323755072057, -2.274601677255976, -2.9837857401010424, -3.00280633630182, -2.942706435460387, -3.0536094432693535, -2.834344342021364, -3.035833289273368, -3.5159992991405575, -3.441858342778974, -3.4299149431584213] },
        { "s", [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.2, 1.4, 1.5], [-4.021976627052555, -3.65064208585472, -3.2266940075671506, -2.8191605884224407, -2.4782115150133475, -2.2316597521896817, -2.0927505897339858, -2.153372448554025, -2.6430219390972756, -3.426688732603859, -4.127288884314515, -4.325927277258068], [-2.724563061124115, -2.4628129788382465, -1.7875486152815585, -1.9925309785923058, -2.029199970559597, -2.4897529516976995, -2.959509965571222, -3.056538478646456, -2.9290273628027554, -4.296785613830404, -4.797733385419663, -4.990083711490648] },
        { "c", [0.0, 1.0, 2.0], [-1.2321436812926323, -1.2321436812926323, -0.8754687373539001], [-0.9463613846827186, -1.182498582689544, -1.1863382908230649] },
        { "k", [1.0, 2.0, 3.0, 5.0, 9.0, 14.0, 24.0, 33.0, 50.0, 67.0, 90.0, 100.0], [-2.631264079756754, -2.7007062304303835, -2.8089733483942223, -3.07473938191906, -3.5114820241739695, -3.8947477807219517, -4.444532722667374, -4.839762165672694, -5.4607586215751835, -5.974509353340281, -6.550201320196599, -6.7668390204733475], [-2.888364014423331, -2.3867360071017196, -2.737359278628905, -3.242418865138772, -3.4722711648821942, -3.948104013259183, -4.618954970948808, -5.351562297635689, -6.130852807062328, -5.459347070089437, -5.457626567624875, -5.970869719308836] },
    };

    [Fact]
    public void TheGoodTrialsAreOptunasBelowTrials()
    {
        foreach (var d in Enumerable.Range(0, Space.Length))
        {
            var (good, bad) = Split(d);

            Assert.Equal([10, 20, 27, 28], good.Numbers.ToArray());
            Assert.Equal(Enumerable.Range(0, 32).Except([10, 20, 27, 28]), bad.Numbers.ToArray());
        }
    }

    [Fact]
    public void TheMixtureWeightsAreOptunas()
    {
        var (good, bad) = Split(0);
        const double ramp1 = 0.0012961762799740763, ramp2 = 0.018794556059624108, flat = 0.03629293583927414;

        AssertClose([.. Enumerable.Repeat(0.2, 5)], Shares(good), "good");
        AssertClose([ramp1, ramp2, .. Enumerable.Repeat(flat, 27)], Shares(bad), "bad");
    }

    [Theory]
    [MemberData(nameof(Densities))]
    public void TheLogDensitiesAreOptunas(string name, double[] points, double[] logGood, double[] logBad)
    {
        var d = Array.FindIndex(Space, dimension => dimension.Name == name);
        var (goodSide, badSide) = Split(d);
        KernelDimension[] dimensions = [new(Space[d], d)];

        AssertClose(logGood, LogPdf(dimensions, goodSide, points), $"log l of {name}");
        AssertClose(logBad, LogPdf(dimensions, badSide, points), $"log g of {name}");
    }

    [Fact]
    public void ARunningTrialTakesTheForgettingWeightOfItsNumber()
    {
        var options = new TpeOptions
        {
            Multivariate = false,
            ImprovementWeights = false,
            PriorWeight = 1.0,
            MagicClipExponent = 1,
            DiscreteMinBandwidth = 0,
        };
        KernelDimension[] dimensions = [new(Dimension.Real("x", -5, 5), 0)];
        var observations = new TpeObservations(dimensions);
        observations.Refresh(new TrialHistory(
        [
            new Trial { Number = 0, State = TrialState.Running, Params = [0.5] },
            .. Enumerable.Range(0, 30).Select(i => new Trial { Number = i + 1, State = TrialState.Complete, Params = [-5 + (i / 3.0)], Values = [i * 7 % 30] }),
        ], [Direction.Minimize]));
        var (good, bad) = new TpeSplit(observations, options).Split([0]) ?? throw new InvalidOperationException("no split");
        var estimator = new ParzenEstimator();
        estimator.Fit(dimensions, bad, options);
        var logBad = new double[3];
        estimator.LogPdf([0.5, 0.0, -4.0], 3, logBad);

        Assert.Equal([1, 14, 27], good.Numbers.ToArray());
        Assert.Equal([0, 2, 3, .. Enumerable.Range(4, 27).Except([14, 27])], bad.Numbers.ToArray());
        AssertClose([0.0012961762799740763, 0.018794556059624108, 0.03629293583927414], Shares(bad)[..3], "bad weights");
        AssertClose([-2.088481470864273, -2.2379757353435306, -2.204683057335238], logBad, "log g");
    }

    /// <summary>The good and bad sides of dimension <paramref name="d"/> modelled on its own.</summary>
    private static (ParzenObservations Good, ParzenObservations Bad) Split(int d)
    {
        var trials = Values.Select((value, i) => new Trial
        {
            Number = i,
            State = TrialState.Complete,
            Params = [.. Columns.Select(column => column[i])],
            Values = [value],
        });
        var observations = new TpeObservations([.. Space.Select((dimension, i) => new KernelDimension(dimension, i))]);
        observations.Refresh(new TrialHistory([.. trials], [Direction.Minimize]));
        return new TpeSplit(observations, OptunaOptions).Split([d]) ?? throw new InvalidOperationException("no split");
    }

    /// <summary>Each observation's share of the mixture, then the prior's.</summary>
    private static double[] Shares(ParzenObservations side)
    {
        var total = side.PriorWeight + side.Weights.ToArray().Sum();
        return [.. side.Weights.ToArray().Select(w => w / total), side.PriorWeight / total];
    }

    private static double[] LogPdf(KernelDimension[] dimensions, ParzenObservations side, double[] points)
    {
        var estimator = new ParzenEstimator();
        estimator.Fit(dimensions, side, OptunaOptions);
        var result = new double[points.Length];
        estimator.LogPdf(points, points.Length, result);
        return result;
    }

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"{what} [{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
