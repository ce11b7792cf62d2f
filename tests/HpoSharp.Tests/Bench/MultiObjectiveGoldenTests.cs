using HpoSharp.Bench.Problems;
using HpoSharp.Space;

namespace HpoSharp.Tests.Bench;

/// <summary>
/// Golden values of the ZDT (Zitzler, Deb and Thiele, 2000) and DTLZ (Deb, Thiele, Laumanns and Zitzler, 2002)
/// problems, from an independent numpy 1.24.2 implementation of the published definitions with the distance variables
/// measured from the instance's shift s (|x_i - s_i| for ZDT, x_i - s_i for DTLZ): the points put every distance
/// variable at a fixed offset from s, so the values do not depend on the instance. The fronts' hypervolumes: closed
/// forms, checked by a fine discretisation of each analytic front; ZDT3's by the mean of the lower and upper Riemann
/// sums of 1.1 minus the running minimum of its front curve on 4e7 cells (bounds 1.33176288649 and 1.33176293082).
/// </summary>
public sealed class MultiObjectiveGoldenTests
{
    public static TheoryData<string, double[], double[], double[]> Values => new()
    {
        { "zdt1-8d", [0.674], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.674, 0.17902496992904826] },
        { "zdt1-8d", [0.444], [-0.196, 0.179, -0.001, -0.113, 0.161, 0.002, -0.161], [0.444, 1.0923393059589623] },
        { "zdt1-8d", [0.698], [-0.111, 0.018, 0.064, 0.194, 0.04, -0.189, -0.144], [0.698, 0.802389387564787] },
        { "zdt2-8d", [0.619], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.619, 0.616839] },
        { "zdt2-8d", [0.523], [-0.196, -0.018, -0.199, -0.033, 0.165, -0.021, -0.051], [0.523, 1.7325048408653794] },
        { "zdt2-8d", [0.949], [-0.177, 0.071, 0.005, 0.015, -0.017, 0.115, -0.05], [0.949, 1.0080549579831932] },
        { "zdt3-8d", [0.772], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.772, 0.7162009179633573] },
        { "zdt3-8d", [0.047], [-0.057, 0.018, 0.024, -0.175, 0.055, -0.029, 0.006], [0.047, 1.1585376909126068] },
        { "zdt3-8d", [0.921], [0.072, 0.189, -0.093, 0.157, 0.007, -0.151, -0.176], [0.921, 1.2646978341115818] },
        { "dtlz1-3obj-7d", [0.276, 0.554], [0.0, 0.0, 0.0, 0.0, 0.0], [0.07645200000000002, 0.061548, 0.362] },
        { "dtlz1-3obj-7d", [0.151, 0.05], [-0.144, -0.163, 0.154, -0.046, -0.005], [2.9005572626615903, 55.11058799057022, 326.16862463572056] },
        { "dtlz1-3obj-7d", [0.269, 0.658], [-0.186, 0.06, 0.183, 0.143, -0.041], [57.904516661090135, 30.09626853813499, 239.13968022540357] },
        { "dtlz2-3obj-7d", [0.657, 0.076], [0.0, 0.0, 0.0, 0.0, 0.0], [0.5094400220055881, 0.061107788151673025, 0.8583336776604749] },
        { "dtlz2-3obj-7d", [0.259, 0.124], [-0.133, -0.167, 0.136, 0.054, -0.099], [0.9702008495941725, 0.19140115514600384, 0.4260924394266122] },
        { "dtlz2-3obj-7d", [0.595, 0.74], [-0.065, 0.168, -0.181, 0.015, 0.099], [0.25370615655848283, 0.5862803359571985, 0.8648936405652646] },

    };

    [Theory]
    [MemberData(nameof(Values))]
    public void MatchesTheDefinitionAtOffsetsFromTheShift(string name, double[] positions, double[] offsets, double[] expected)
    {
        var problem = ProblemCatalog.Get(name);
        foreach (var seed in new ulong[] { 0, 7 })
        {
            var shift = Shift(name, seed, offsets.Length);
            double[] x = [.. positions, .. shift.Select((s, i) => s + offsets[i])];
            var values = problem.Create(seed).Evaluate(new HyperParameters(x.Select((v, i) => new KeyValuePair<string, object>($"x{i}", v))));

            Assert.Equal(expected.Length, values.Length);
            Assert.All(expected.Zip(values), pair => Assert.Equal(pair.First, pair.Second, 1e-12 * Math.Max(1, Math.Abs(pair.First))));
        }
    }

    [Theory]
    [InlineData("zdt1-8d", 1.1, 0.8766666666666667, 1e-12)]
    [InlineData("zdt2-8d", 1.1, 0.5433333333333333, 1e-12)]
    [InlineData("zdt3-8d", 1.1, 1.331762908656, 1e-9)]
    [InlineData("dtlz2-3obj-7d", 1.1, 0.8074012244017016, 1e-12)]
    [InlineData("dtlz1-3obj-7d", 100, 999999.9791666666, 1e-9)]
    public void TheFrontHypervolumeAndReferencePointAreTheStatedOnes(string name, double reference, double volume, double tolerance)
    {
        var problem = ProblemCatalog.Get(name);
        var instance = problem.Create(3);

        Assert.Equal(Enumerable.Repeat(reference, problem.Objectives), instance.ReferencePoint!);
        Assert.Equal(volume, instance.FrontHypervolume, tolerance);
    }

    /// <summary>The instance's shift of the distance variables, drawn as the problem draws it: uniform in [0.2, 0.8].</summary>
    private static double[] Shift(string name, ulong seed, int count)
    {
        var rng = InstanceRandom.For(name, seed);
        return [.. Enumerable.Range(0, count).Select(_ => rng.NextDouble(0.2, 0.8))];
    }
}
