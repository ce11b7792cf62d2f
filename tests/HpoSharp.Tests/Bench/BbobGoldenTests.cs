using HpoSharp.Bench.Problems.Bbob;

namespace HpoSharp.Tests.Bench;

/// <summary>
/// Golden values of the BBOB functions at fixed points of a 4-D instance with given parts, from an independent numpy
/// 1.24.2 implementation of the definitions of Hansen, Finck, Ros and Auger (2009), "Real-parameter black-box
/// optimization benchmarking 2009: noiseless functions definitions" (T_osz, T_asy, Λ, f_pen and each function written
/// out with matrix products). R and Q are the Q factors of numpy QR decompositions of Gaussian matrices.
/// </summary>
public sealed class BbobGoldenTests
{
    private static readonly double[] XOpt = [1.6309, 0.5156, -0.9339, 1.0309];

    private static readonly double[] RowsOfR = [-0.6685585890682129, -0.05216577559087979, -0.7286660661506298, 0.13911832690443096, -0.2118929746516385, -0.0884852891762706, 0.3724267035884433, 0.8992052442834824, 0.11585329420669996, -0.9909008812190782, -0.04518826309228507, -0.05149251110027828, 0.7033553827887125, 0.08697430112192756, -0.5729765574380106, 0.411612124545648];

    private static readonly double[] RowsOfQ = [-0.4603066686492776, 0.052452833272682194, 0.2877547977442204, 0.8381906987397644, 0.5881402568995501, -0.6906200886403743, -0.11367739855442119, 0.40523126784392177, -0.6625661762917856, -0.6719303585168266, -0.22168583199153974, -0.24570520391670642, -0.056699832849996266, 0.2623017093948859, -0.9247324030914568, 0.2699128097664181];

    /// <summary>Two points of the box, one next to x_opt, one outside the box (where f16 and f17 add f_pen).</summary>
    private static readonly double[][] Points =
    [
        [-0.426, 4.072, 3.53, -3.138],
        [1.917, 2.654, 2.032, 1.501],
        [1.6274, 0.5584, -0.9554, 1.0105],
        [6.0, -5.5, 0.25, -7.0],
    ];

    private static readonly BbobInstance Instance = new(XOpt, 12.34, Matrix(RowsOfR), Matrix(RowsOfQ));

    public static TheoryData<int, double[]> Values => new()
    {
        { 1, [66.52494899, 26.012164589999998, 12.3427225, 133.51345218999998] },
        { 2, [17649859.688867725, 293918.2131408456, 430.33640244781964, 60117130.18891245] },
        { 3, [465.4718039825376, 137.86570097594114, 14.28704713763857, 766.0741264349168] },
        { 6, [17417.20502667159, 55572.50057879375, 65.65014191699956, 17542.825245474167] },
        { 8, [133684.0578590269, 24037.66464392212, 13.82581091909107, 181300.37418583786] },
        { 10, [27402175.739807524, 1418160.2591439055, 58.32814249702179, 2968893.960318703] },
        { 11, [6536667.468127344, 5436013.36575768, 184.24014262756094, 20766977.272196215] },
        { 12, [39371742.72505733, 4749790.480854992, 2187.7975544547517, 856543728.150205] },
        { 13, [1395.673860421256, 615.6647589863318, 22.15424673362557, 1926.4526553953742] },
        { 14, [172.32635097695942, 19.650210602404236, 12.353247532501747, 104.85921604408105] },
        { 15, [238.96693934100574, 129.84592481567074, 15.3732665790696, 2483.9723934483486] },
        { 16, [141.2510310459862, 197.17792972083478, 12.928265590762647, 70.97211297705142] },
        { 17, [31.440651391922344, 20.476099829318585, 12.455750424151983, 100.7950670805732] },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void MatchesTheDefinitionAtFixedPoints(int number, double[] expected)
    {
        var f = BbobFunctions.ByNumber[number].F;

        for (var i = 0; i < Points.Length; i++)
        {
            Assert.Equal(expected[i], f(Instance, Points[i]), Math.Abs(expected[i]) * 1e-11);
        }
    }

    private static double[,] Matrix(double[] rows)
    {
        var d = XOpt.Length;
        var m = new double[d, d];
        for (var k = 0; k < rows.Length; k++)
        {
            m[k / d, k % d] = rows[k];
        }

        return m;
    }
}
