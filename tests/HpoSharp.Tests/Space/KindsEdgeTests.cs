using HpoSharp.Space;

namespace HpoSharp.Tests.Space;

public sealed class KindsEdgeTests
{
    [Fact]
    public void RangesAcceptFloatsAndDecimals()
    {
        var encoded = new double[1];
        new RangeHP("x", 0, 1).Encode(0.25f, encoded);
        Assert.Equal(0.25, encoded[0]);
        new RangeHP("x", 0, 1).Encode(0.75m, encoded);
        Assert.Equal(0.75, encoded[0]);
    }

    [Fact]
    public void AValueOffTheStepIsRefusedNamingTheStep()
    {
        var error = Assert.Throws<ArgumentException>(() => new RangeHP("dropout", 0, 0.5, step: 0.1).Encode(0.35, new double[1]));
        Assert.Equal("Parameter 'dropout': value '0.35' (Double) is not valid; expected a number in [0, 0.5] on the step 0.1 from 0. (Parameter 'value')", error.Message);
    }

    [Fact]
    public void AnUnknownChoiceIsRefusedListingTheChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChoiceHP("opti", "adam", "sgd").Encode("rmsprop", new double[1]));
        Assert.Equal("Parameter 'opti': value 'rmsprop' (String) is not valid; expected one of {adam, sgd}. (Parameter 'value')", error.Message);
    }

    [Fact]
    public void NeighbouringDuplicateChoicesAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChoiceHP("opti", "sgd", "adam", "adam"));
        Assert.StartsWith("Parameter 'opti': choice 'adam' is given twice (positions 1 and 2).", error.Message);
    }

    [Fact]
    public void ChangingTheArrayOfChoicesAfterwardsDoesNotChangeTheParameter()
    {
        object[] choices = ["adam", "sgd"];
        var opti = new ChoiceHP("opti", choices);
        choices[0] = "rmsprop";
        Assert.Equal(["adam", "sgd"], opti.Choices);
    }

    [Fact]
    public void EveryKindDecodesAnInactiveDimensionToNull()
    {
        Assert.Null(new RangeHP("x", 0, 1).Decode([double.NaN]));
        Assert.Null(new LogRangeHP("lr", 1e-3, 1).Decode([double.NaN]));
        Assert.Null(new IntRangeHP("n", 1, 9).Decode([double.NaN]));
        Assert.Null(new ChoiceHP("opti", "adam", "sgd").Decode([double.NaN]));
    }

    [Fact]
    public void ABlankNameIsRefusedByEveryKind()
    {
        Assert.Throws<ArgumentException>(() => new ChoiceHP(" ", "a", "b"));
        Assert.Throws<ArgumentException>(() => new FixedHP("\t", 1));
    }

    [Fact]
    public void ASingleCollectionGivenAsTheChoicesIsNamedWithItsTypeArguments()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChoiceHP("layers", new List<int> { 2, 3 }));
        Assert.StartsWith("Parameter 'layers': the only choice given is a collection (List<Int32>); pass the choices themselves, or use ChoiceHP.Of(name, collection).", error.Message);
    }

    [Fact]
    public void AnInvalidValueMessageNamesTheValuesType()
    {
        var error = Assert.Throws<ArgumentException>(() => new FixedHP("seed", 7).Encode(7L, []));
        Assert.StartsWith("Parameter 'seed': value '7' (Int64) is not valid; expected the fixed value '7' (fixed value '7' is a Int32, the value a Int64; a value matches only a fixed value of its own type).", error.Message);
    }

    [Fact]
    public void AParameterShowsItsCondition()
    {
        Assert.Equal("degree (when kernel in {poly, rbf})", new IntRangeHP("degree", 2, 5) { ActiveWhen = new HPCondition("kernel", "poly", "rbf") }.ToString());
        Assert.Equal("c (when kernel satisfies a predicate)", new RangeHP("c", 0, 1) { ActiveWhen = new HPCondition("kernel", _ => true) }.ToString());
        Assert.Equal("x", new RangeHP("x", 0, 1).ToString());
    }

    [Fact]
    public void AConditionNeedsAtLeastOneValue()
    {
        var error = Assert.Throws<ArgumentException>(() => new HPCondition("kernel"));
        Assert.StartsWith("The condition on 'kernel' names no values.", error.Message);
    }

    [Fact]
    public void OfTakesASingleChoiceThatIsItselfACollection()
    {
        int[] widths = [64, 32];

        var layers = ChoiceHP.Of("layers", new[] { widths });

        Assert.Same(widths, Assert.Single(layers.Choices));
        Assert.Throws<ArgumentException>(() => new ChoiceHP("layers", widths));
    }

    [Fact]
    public void ASteppedValueWithRoundingErrorIsStoredAsTheValueItStandsFor()
    {
        var encoded = new double[1];

        new RangeHP("dropout", 0, 0.5, step: 0.1).Encode(0.1 + 0.2, encoded);

        Assert.Equal(0.3, encoded[0]);
    }

    [Fact]
    public void RangesAcceptEveryNumericType()
    {
        SearchSpace space = [new RangeHP("x", 0, 10), new IntRangeHP("n", 0, 10)];
        object[] numbers = [(sbyte)3, (ushort)3, (Half)3, (nint)3, (nuint)3, (Int128)3, (UInt128)3];
        foreach (var number in numbers)
        {
            var hps = space.Decode(space.Encode(new Dictionary<string, object?> { ["x"] = number, ["n"] = number }));
            Assert.Equal(3.0, hps["x"]);
            Assert.Equal(3, hps["n"]);
        }
    }

    [Fact]
    public void AWrongFixedValueIsRefusedWithTheFixedValueWrittenTheSameWayInEveryCulture() => CommaCulture.Run(() =>
    {
        var error = Assert.Throws<ArgumentException>(() => new FixedHP("scale", 0.5).Encode(0.25, new double[0]));
        Assert.StartsWith("Parameter 'scale': value '0.25' (Double) is not valid; expected the fixed value '0.5'.", error.Message);
    });

    [Fact]
    public void AChoiceOfTheSameTextButAnotherTypeIsRefusedNamingBothTypes()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChoiceHP("layers", 1, 2, 3).Encode(2L, new double[1]));
        Assert.StartsWith("Parameter 'layers': value '2' (Int64) is not valid; expected one of {1, 2, 3} (choice '2' is a Int32, the value a Int64; a value matches only a choice of its own type).", error.Message);
    }

    [Fact]
    public void AnArrayChoiceIsMatchedByAnEqualArrayAndObjectiveGetsTheDeclaredOne()
    {
        int[] small = [64, 32];
        SearchSpace space =
        [
            ChoiceHP.Of("layers", new[] { small, [128] }),
            new RangeHP("dropout", 0, 1) { ActiveWhen = new HPCondition("layers", new[] { 128 }) },
        ];

        var hps = space.Decode(space.Encode(new Dictionary<string, object?> { ["layers"] = new[] { 64, 32 } }));
        Assert.Same(small, hps["layers"]);
        Assert.Equal([1, 0.5], space.Encode(new Dictionary<string, object?> { ["layers"] = new[] { 128 }, ["dropout"] = 0.5 }));
    }

    [Fact]
    public void ArrayChoicesAreWrittenByTheirElementsAndEqualOnesAreRefused()
    {
        var layers = ChoiceHP.Of("layers", new[] { new[] { 64, 32 }, [128] });
        var unknown = Assert.Throws<ArgumentException>(() => layers.Encode(new[] { 16 }, new double[1]));
        Assert.StartsWith("Parameter 'layers': value '[16]' (Int32[]) is not valid; expected one of {[64, 32], [128]}.", unknown.Message);

        var twice = Assert.Throws<ArgumentException>(() => ChoiceHP.Of("layers", new[] { new[] { 64 }, [64] }));
        Assert.StartsWith("Parameter 'layers': choice '[64]' is given twice (positions 0 and 1).", twice.Message);
    }

    [Fact]
    public void AFixedArrayIsMatchedByAnEqualArray()
    {
        SearchSpace space = [new FixedHP("widths", new[] { 64, 32 })];
        Assert.Empty(space.Encode(new Dictionary<string, object?> { ["widths"] = new[] { 64, 32 } }));
    }

    [Fact]
    public void ASteppedValueWithRoundingErrorJustPastABoundIsStoredAsTheBound()
    {
        var encoded = new double[1];

        new RangeHP("dropout", 0, 0.3, step: 0.1).Encode(0.1 + 0.2, encoded);
        Assert.Equal(0.3, encoded[0]);

        new RangeHP("ratio", 0, 0.7, step: 0.1).Encode(0.1 * 7, encoded);
        Assert.Equal(0.7, encoded[0]);

        Assert.Throws<ArgumentException>(() => new RangeHP("dropout", 0, 0.3, step: 0.1).Encode(0.3 + 1e-6, encoded));
    }

}
