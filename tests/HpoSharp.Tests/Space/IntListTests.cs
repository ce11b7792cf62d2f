using HpoSharp.Execution;
using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Tests.Space;

public sealed class IntListTests
{
    [Fact]
    public void AListNeedsAtLeastOneElement()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IntListHP("widths", 0, 8, 64));
        Assert.StartsWith("Parameter 'widths': a list needs at least one element.", error.Message);
    }

    [Fact]
    public void ALengthChoiceThatIsNotAWholeNumberIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SearchSpace([new ChoiceHP("n", 1, 1.5), new IntListHP("w", 2, 1, 9, lengthFrom: "n")]));
        Assert.StartsWith("Dimension 'w[0]' of parameter 'w' has a condition on 'n' whose predicate threw ArgumentException for the choice '1.5': Parameter 'w': its length parameter's choices must be whole numbers from 0 to 2, the list's largest length (got '1.5').", error.Message);
    }

    [Fact]
    public void AListLongerThanItsLargestLengthChoiceNamesTheElementThatCouldNeverBeActive()
    {
        var error = Assert.Throws<ArgumentException>(() => new SearchSpace([new ChoiceHP("n", 1, 2), new IntListHP("w", 3, 1, 9, lengthFrom: "n")]));
        Assert.StartsWith("Dimension 'w[2]' of parameter 'w' has a condition on 'n' that none of its choices satisfies, so it could never be active.", error.Message);
    }

    [Fact]
    public void AListOfTheFullLengthEncodes()
    {
        var widths = new IntListHP("widths", 3, 8, 64);
        var encoded = new double[3];
        widths.Encode(new[] { 8, 16, 64 }, encoded);
        Assert.Equal([8, 16, 64], encoded);
        var error = Assert.Throws<ArgumentException>(() => widths.Encode(new[] { 8, 16, 65 }, encoded));
        Assert.StartsWith("Parameter 'widths': value '[8, 16, 65]' (Int32[]) is not valid; expected an int[] of at most 3 elements in [8, 64].", error.Message);
    }

    [Fact]
    public void TheElementsOfAConditionalListFollowBothConditions()
    {
        SearchSpace space =
        [
            new ChoiceHP("model", "mlp", "linear"),
            new ChoiceHP("n", 1, 2),
            new IntListHP("w", 2, 1, 9, lengthFrom: "n") { ActiveWhen = new HPCondition("model", "mlp") },
        ];
        Assert.Equal(2, space.ConditionsOf(2).Count);
        Assert.Equal(2, space.ConditionsOf(3).Count);
        var linear = space.Encode(new Dictionary<string, object?> { ["model"] = "linear", ["n"] = 2 });
        Assert.Equal([1, 1, double.NaN, double.NaN], linear);
        Assert.False(space.Decode(linear).ContainsKey("w"));
        Assert.Equal(new[] { 3 }, space.Decode(space.Encode(new Dictionary<string, object?> { ["model"] = "mlp", ["n"] = 1, ["w"] = new[] { 3 } }))["w"]);
    }

    [Fact]
    public void ALengthChoiceAboveTheLargestLengthIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SearchSpace([new ChoiceHP("n", 1, 5), new IntListHP("w", 3, 1, 8, lengthFrom: "n")]));
        Assert.StartsWith("Dimension 'w[0]' of parameter 'w' has a condition on 'n' whose predicate threw ArgumentException for the choice '5': Parameter 'w': its length parameter's choices must be whole numbers from 0 to 3, the list's largest length (got '5').", error.Message);
        Assert.Throws<ArgumentException>(() => new SearchSpace([new ChoiceHP("n", -1, 1), new IntListHP("w", 3, 1, 8, lengthFrom: "n")]));
    }

    [Fact]
    public void AnEmptyListDecodesToAbsentAndEncodesBackFromThat()
    {
        SearchSpace space = [new ChoiceHP("n", 0, 1, 2), new IntListHP("w", 2, 1, 8, lengthFrom: "n")];
        var encoded = space.Encode(new Dictionary<string, object?> { ["n"] = 0, ["w"] = Array.Empty<int>() });

        var decoded = space.Decode(encoded);

        Assert.False(decoded.ContainsKey("w"));
        Assert.Equal(encoded, space.Encode(decoded.ToDictionary(kv => kv.Key, kv => (object?)kv.Value)));
        var error = Assert.Throws<ArgumentException>(() => space.Encode(new Dictionary<string, object?> { ["n"] = 1 }));
        Assert.StartsWith("Parameter 'w' is active here but has no value.", error.Message);
    }

    [Fact]
    public void AStudyWithEmptyListsWarmStartsCmaEs()
    {
        SearchSpace space = [new ChoiceHP("n", 0, 1, 2), new IntListHP("w", 2, 1, 8, lengthFrom: "n"), new RangeHP("x", 0, 1)];
        var source = new Study(HpoRegistry.Build("random", space), new StudyOptions { Seed = 1 });
        source.Optimize(c => c.HyperParameters.ContainsKey("w") ? c.HyperParameters.GetDouble("x") + 1 : c.HyperParameters.GetDouble("x"), 20);

        var warm = new CmaEsOptimizer(space, new CmaEsOptions { WarmStartFrom = source.GetResult() });

        Assert.NotNull(new Study(warm, new StudyOptions { Seed = 2 }).Ask());
    }
}
