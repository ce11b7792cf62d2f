using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Tests.Optimizers.CmaEs;

/// <summary>
/// <see cref="CmaEsOptions.InitialPoint"/>: the first run's mean in each dimension's search scale, its samples around it,
/// and clear refusals of a point that is not a configuration of the space.
/// </summary>
public sealed class InitialPointTests
{
    private static readonly SearchSpace Space =
        [new RangeHP("x", 0, 10), new LogRangeHP("lr", 1e-4, 1e-1), new IntRangeHP("n", 1, 5), new ChoiceHP("opt", "a", "b", "c")];

    [Fact]
    public void TheFirstRunStartsAtThePointInEachSearchScale()
    {
        var options = new CmaEsOptions { InitialPoint = new Dictionary<string, object?> { ["x"] = 2.5, ["lr"] = 1e-3, ["n"] = 4, ["opt"] = "b" }, InitialStepSize = 0.05 };
        var coordinates = new CmaCoordinates(Space);
        var start = GaussianStart.Of(options, Space, coordinates)!;

        // x is a quarter of its range; 1e-3 a third of the way from 1e-4 to 1e-1 in log scale; n = 4 is level 3 of 5.
        Assert.Equal(0.25, start.Mean[0], 15);
        Assert.Equal(1 / 3.0, start.Mean[1], 15);
        Assert.Equal(coordinates.Position(2, 3), start.Mean[2]);
        Assert.Equal(3, start.Mean.Length);
        Assert.Equal(0.05, start.Sigma);
        Assert.Null(start.Covariance);
    }

    [Fact]
    public void AnInactiveParameterStartsAtTheCentre()
    {
        SearchSpace space = [new ChoiceHP("kernel", "linear", "rbf"), new LogRangeHP("gamma", 1e-3, 1e1) { ActiveWhen = new HPCondition("kernel", "rbf") }, new RangeHP("x", 0, 10)];
        var options = new CmaEsOptions { InitialPoint = new Dictionary<string, object?> { ["kernel"] = "linear", ["x"] = 2.5 } };
        var start = GaussianStart.Of(options, space, new CmaCoordinates(space))!;
        Assert.Equal([0.5, 0.25], start.Mean);
    }

    [Fact]
    public void TheFirstGenerationIsSampledAroundThePoint()
    {
        SearchSpace box = TestFunctions.Box(4, -5, 5);
        double[] FirstGenerationCentre(CmaEsOptions options)
        {
            var trials = new Study(new CmaEsOptimizer(box, options), new StudyOptions { Seed = 4, MaxEvaluations = 8 }).Optimize((_, _) => 1.0).Trials;
            return [.. Enumerable.Range(0, 4).Select(i => trials.Average(t => t.Params[i]))];
        }

        var near = FirstGenerationCentre(new CmaEsOptions { InitialPoint = new Dictionary<string, object?> { ["x0"] = 3.0, ["x1"] = -4.0, ["x2"] = 1.0, ["x3"] = 0.5 }, InitialStepSize = 0.02 });
        Assert.All(near.Zip([3.0, -4.0, 1.0, 0.5]), pair => Assert.InRange(pair.First, pair.Second - 0.3, pair.Second + 0.3));
        Assert.InRange(FirstGenerationCentre(new CmaEsOptions { InitialStepSize = 0.02 })[0], -0.3, 0.3);
    }

    [Theory]
    [InlineData("x", 12.0, "Parameter 'x': value '12' (Double) is not valid; expected a number in [0, 10].")]
    [InlineData("extra", 1.0, "'extra' is not a parameter of this search space; its parameters are x, lr, n, opt.")]
    [InlineData("opt", null, "Parameter 'opt' is active here but has no value.")]
    public void APointThatIsNotAConfigurationIsRefusedByParameter(string parameter, object? value, string reason)
    {
        var point = new Dictionary<string, object?> { ["x"] = 2.5, ["lr"] = 1e-3, ["n"] = 4, ["opt"] = "b", [parameter] = value };
        var error = Assert.Throws<ArgumentException>(() => new CmaEsOptimizer(Space, new CmaEsOptions { InitialPoint = point }));
        Assert.Equal($"CmaEsOptions.InitialPoint is not a valid configuration of this search space: {reason} (Parameter 'InitialPoint')", error.Message);
    }

    [Fact]
    public void APointAndAWarmStartTogetherAreRefused()
    {
        var earlier = new Study(new RandomOptimizer(Space)).GetResult();
        var options = new CmaEsOptions { InitialPoint = new Dictionary<string, object?>(), WarmStartFrom = earlier };
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.StartsWith("CmaEsOptions.InitialPoint is given; expected null when WarmStartFrom is given, which places the first run itself.", error.Message);
    }
}
