using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Tests.Optimizers.Tpe;

public sealed class TpeJointModellingTests
{
    [Fact]
    public void AJointModelKeepsTheCoordinatesOfEachGoodBasinTogether()
    {
        // Good trials sit near (0.15, 0.15) and (0.85, 0.85): a product of per-dimension densities also favours the
        // mixed corners (0.15, 0.85) and (0.85, 0.15), a joint density does not.
        int MixedCorners(bool multivariate)
        {
            SearchSpace space = [new RangeHP("x", 0, 1), new RangeHP("y", 0, 1)];
            var options = new TpeOptions { Multivariate = multivariate, ConstantLiar = false };
            var study = new Study(new TpeOptimizer(space, options), new StudyOptions { Seed = 6 });
            var rng = new RandomStream(2);
            for (var i = 0; i < 100; i++)
            {
                var (x, y) = (rng.NextDouble(), rng.NextDouble());
                study.AddTrial(new Dictionary<string, object?> { ["x"] = x, ["y"] = y }, TwoBasins(x, y));
            }

            var mixed = 0;
            for (var i = 0; i < 200; i++)
            {
                // Left pending, without the liar: every suggestion comes from the same model.
                var hps = study.Ask().HyperParameters;
                mixed += (hps.GetDouble("x") < 0.5) != (hps.GetDouble("y") < 0.5) ? 1 : 0;
            }

            return mixed;
        }

        var joint = MixedCorners(multivariate: true);
        var univariate = MixedCorners(multivariate: false);

        Assert.True(joint < 0.6 * univariate, $"{joint} joint and {univariate} univariate suggestions of 200 fell in a mixed corner");
    }

    [Fact]
    public void DimensionsActivatedByTheSameConditionsFormOneGroup()
    {
        SearchSpace space =
        [
            new RangeHP("x", 0, 1),
            new ChoiceHP("c", "a", "b"),
            new RangeHP("y", 0, 1) { ActiveWhen = new HPCondition("c", "a") },
            new IntRangeHP("z", 1, 9) { ActiveWhen = new HPCondition("c", "b") },
            new RangeHP("w", 0, 1) { ActiveWhen = new HPCondition("c", "a") },
        ];

        Assert.Equal([[0, 1], [2, 4], [3]], DimensionGroups.Of(space, multivariate: true));
        Assert.Equal([[0], [1], [2], [3], [4]], DimensionGroups.Of(space, multivariate: false));
    }

    private static double TwoBasins(double x, double y) =>
        Math.Min(Math.Abs(x - 0.15) + Math.Abs(y - 0.15), Math.Abs(x - 0.85) + Math.Abs(y - 0.85));
}
