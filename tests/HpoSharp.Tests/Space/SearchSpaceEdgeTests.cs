using HpoSharp.Space;

namespace HpoSharp.Tests.Space;

public sealed class SearchSpaceEdgeTests
{
    private static SearchSpace Chain() =>
    [
        new ChoiceHP("kernel", "linear", "poly"),
        new ChoiceHP("basis", "a", "b") { ActiveWhen = new HPCondition("kernel", "poly") },
        new RangeHP("coef", 0, 1) { ActiveWhen = new HPCondition("basis", "a") },
    ];

    [Fact]
    public void AListComesAfterTheParameterThatGivesItsLength()
    {
        SearchSpace space = [new IntListHP("w", 2, 1, 9, lengthFrom: "n"), new ChoiceHP("n", 1, 2)];
        Assert.Equal(["n", "w"], space.Select(p => p.Name));
        Assert.Equal(0, space.ConditionsOf(1)[0].Parent);
        Assert.True(space.HasConditions);
    }

    [Fact]
    public void ASpaceWithoutConditionsSaysSo()
    {
        SearchSpace space = [new ChoiceHP("n", 1, 2), new IntListHP("w", 2, 1, 9)];
        Assert.False(space.HasConditions);
    }

    [Fact]
    public void AChildOfAnInactiveParentIsInactive()
    {
        var space = Chain();
        double[] everything = [0, 0, 0.5];
        space.ApplyConditions(everything);
        Assert.Equal([0, double.NaN, double.NaN], everything);

        Assert.Equal([0, double.NaN, double.NaN], space.Encode(new Dictionary<string, object?> { ["kernel"] = "linear" }));
        var error = Assert.Throws<ArgumentException>(() => space.Encode(new Dictionary<string, object?> { ["kernel"] = "linear", ["coef"] = 0.5 }));
        Assert.StartsWith("Parameter 'coef' is given ('0.5'), but it is inactive here (basis in {a} does not hold: basis is inactive); leave it out or give it as null.", error.Message);
    }

    [Fact]
    public void NamesThatDifferOnlyInCaseAreDistinctParameters()
    {
        SearchSpace space = [new RangeHP("lr", 0, 1), new RangeHP("LR", 0, 1)];
        Assert.Equal(2, space.Dimensions.Count);
    }

    [Fact]
    public void ANullParameterIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SearchSpace([new RangeHP("x", 0, 1), null!]));
        Assert.StartsWith("A search space contains a null parameter.", error.Message);
    }

    [Fact]
    public void ACycleIsReportedFromWhereItCloses()
    {
        var error = Assert.Throws<ArgumentException>(() => new SearchSpace(
        [
            new RangeHP("c", 0, 1) { ActiveWhen = new HPCondition("a", 1) },
            new ChoiceHP("a", 1, 2) { ActiveWhen = new HPCondition("b", 1) },
            new ChoiceHP("b", 1, 2) { ActiveWhen = new HPCondition("a", 1) },
        ]));
        Assert.StartsWith("The conditions form a cycle: a -> b -> a.", error.Message);
    }

    [Fact]
    public void AMissingValueIsReportedForTheParameter()
    {
        SearchSpace space = [new RangeHP("x", 0, 1), new FixedHP("seed", 7)];
        var error = Assert.Throws<ArgumentException>(() => space.Encode(new Dictionary<string, object?> { ["seed"] = 7 }));
        Assert.StartsWith("Parameter 'x' is active here but has no value.", error.Message);
    }

    [Fact]
    public void ANullValueCountsAsNotGiven()
    {
        SearchSpace space = [new ChoiceHP("kernel", "linear", "poly"), new IntRangeHP("degree", 2, 5) { ActiveWhen = new HPCondition("kernel", "poly") }];
        Assert.Equal([0, double.NaN], space.Encode(new Dictionary<string, object?> { ["kernel"] = "linear", ["degree"] = null }));
    }

    [Fact]
    public void ValidateDescribesTheDimensionAndEveryConditionOfIt()
    {
        SearchSpace space =
        [
            new ChoiceHP("model", "mlp", "linear"),
            new ChoiceHP("n", 1, 2),
            new IntListHP("w", 2, 1, 9, lengthFrom: "n") { ActiveWhen = new HPCondition("model", "mlp") },
            new IntRangeHP("units", 1, 9),
        ];
        var inactive = Assert.Throws<ArgumentException>(() => space.Validate([0, 0, 3, 4, 1]));
        Assert.StartsWith("Dimension 'w[1]' is inactive here (model in {mlp} and n in {2} does not hold) but has value 4.", inactive.Message);
        var invalid = Assert.Throws<ArgumentException>(() => space.Validate([0, 0, 3, double.NaN, 3.5]));
        Assert.StartsWith("Dimension 'units' has value 3.5, which is not an allowed value of units: integer [1, 9].", invalid.Message);
        var missing = Assert.Throws<ArgumentException>(() => space.Validate([0, 1, 3, double.NaN, 2]));
        Assert.StartsWith("Dimension 'w[1]' is active here but has no value.", missing.Message);
    }

    [Fact]
    public void AConditionValueOfTheSameTextButAnotherTypeIsRefusedNamingBothTypes()
    {
        var error = Assert.Throws<ArgumentException>(() => new SearchSpace([new ChoiceHP("layers", 1, 2, 3), new RangeHP("dropout", 0, 1) { ActiveWhen = new HPCondition("layers", 2L) }]));
        Assert.StartsWith("Parameter 'dropout' has a condition on 'layers' = '2', which is not one of its choices {1, 2, 3} (choice '2' is a Int32, the value a Int64; a value matches only a choice of its own type).", error.Message);
    }

    [Fact]
    public void ConditionsOnNumericChoicesAreDescribedTheSameWayInEveryCulture() => CommaCulture.Run(() =>
    {
        SearchSpace space = [new ChoiceHP("scale", 0.5, 1.5), new RangeHP("shift", 0, 1) { ActiveWhen = new HPCondition("scale", 0.5) }];
        var error = Assert.Throws<ArgumentException>(() => space.Validate([1, 0.25]));
        Assert.StartsWith("Dimension 'shift' is inactive here (scale in {0.5} does not hold) but has value 0.25.", error.Message);
        Assert.EndsWith("shift: real [0, 1] when scale in {0.5}", space.ToString());
    });

    [Fact]
    public void APredicateThatThrowsIsReportedNamingTheParameterAndTheChoice()
    {
        var error = Assert.Throws<ArgumentException>(() => new SearchSpace([new ChoiceHP("size", "auto", 2, 4), new RangeHP("ratio", 0, 1) { ActiveWhen = new HPCondition("size", c => (int)c > 2) }]));
        Assert.StartsWith("Parameter 'ratio' has a condition on 'size' whose predicate threw InvalidCastException for the choice 'auto':", error.Message);
        Assert.IsType<InvalidCastException>(error.InnerException);
    }

}
