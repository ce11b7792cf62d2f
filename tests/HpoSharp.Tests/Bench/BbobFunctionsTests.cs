using HpoSharp.Bench.Problems.Bbob;
using HpoSharp.Optimizers;

namespace HpoSharp.Tests.Bench;

public sealed class BbobFunctionsTests
{
    /// <summary>A 2-D instance with known parts: x_opt = (1.5, -2), f_opt = 10, R and Q rotations by 0.5 and -0.3 radians.</summary>
    private static readonly BbobInstance Known = new([1.5, -2.0], 10, Rotation(0.5), Rotation(-0.3));

    public static TheoryData<int, int> FunctionsAndDimensions()
    {
        var data = new TheoryData<int, int>();
        foreach (var n in BbobFunctions.ByNumber.Keys)
        {
            foreach (var d in new[] { 2, 5, 10 })
            {
                data.Add(n, d);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FunctionsAndDimensions))]
    public void EveryFunctionTakesItsOptimalValueAtItsOptimum(int number, int d)
    {
        var instance = new BbobInstance(d, new RandomStream(42, (ulong)number), number == 8 ? 0.75 : 1);
        var f = BbobFunctions.ByNumber[number].F;

        Assert.Equal(instance.FOpt, f(instance, instance.XOpt), 9);
        var nearby = instance.XOpt.Select(v => v + 0.01).ToArray();
        Assert.True(f(instance, nearby) > instance.FOpt, $"f{number} should exceed f_opt next to the optimum");
    }

    [Theory]
    [InlineData(6, 34.68176383615969)]
    [InlineData(10, 2800988.18057133)]
    [InlineData(12, 1448487.8248931773)]
    [InlineData(13, 621.7186320118029)]
    [InlineData(15, 88.33794564373447)]
    [InlineData(16, 240.89568954440378)]
    [InlineData(17, 45.962101016090365)]
    public void MatchesAnIndependentImplementationAtAKnownPoint(int number, double expected)
    {
        var value = BbobFunctions.ByNumber[number].F(Known, [0.3, 0.7]);

        Assert.Equal(expected, value, expected * 1e-12);
    }

    [Fact]
    public void WeierstrassPenalisesPointsOutsideTheBox()
    {
        Assert.Equal(65.31457495520908, BbobFunctions.Weierstrass(Known, [6.0, -7.0]), 1e-10);
    }

    [Fact]
    public void SimpleFunctionsMatchHandComputedValues()
    {
        var identity = new BbobInstance([0.0, 0.0], 0, Rotation(0), Rotation(0));

        Assert.Equal(5, BbobFunctions.Sphere(identity, [1, 2]), 12);
        Assert.Equal(1_000_001, BbobFunctions.EllipsoidSeparable(identity, [1, 1]), 6);
        Assert.Equal(1, BbobFunctions.RastriginSeparable(identity, [1, 0]), 10);
        Assert.Equal(101, BbobFunctions.Rosenbrock(identity, [-1, 0]), 10);
        Assert.Equal(2, BbobFunctions.DifferentPowers(identity, [2, 0]), 12);
        Assert.Equal(8, BbobFunctions.DifferentPowers(identity, [0, 2]), 12);
    }

    [Fact]
    public void OscillationMatchesItsDefinition()
    {
        Assert.Equal(2.7795556903563563, BbobTransforms.Oscillate(Math.E), 14);
        Assert.Equal(-2.021283508671628, BbobTransforms.Oscillate(-2.0), 14);
        Assert.Equal(0, BbobTransforms.Oscillate(0.0));
    }

    [Fact]
    public void RotationsAreOrthogonalAndInstancesStayAwayFromTheCentre()
    {
        var instance = new BbobInstance(6, new RandomStream(3, 9));
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                var dot = Enumerable.Range(0, 6).Sum(k => instance.R[k, i] * instance.R[k, j]);
                Assert.Equal(i == j ? 1 : 0, dot, 12);
            }
        }

        Assert.Contains(instance.XOpt, v => Math.Abs(v) >= 1);
        Assert.All(instance.XOpt, v => Assert.InRange(v, -4, 4));
    }

    private static double[,] Rotation(double t) => new[,] { { Math.Cos(t), -Math.Sin(t) }, { Math.Sin(t), Math.Cos(t) } };
}
