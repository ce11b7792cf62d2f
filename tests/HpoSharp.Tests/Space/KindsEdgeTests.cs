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
    public void AnInvalidValueMessageNamesTheValuesType()
    {
        var error = Assert.Throws<ArgumentException>(() => new FixedHP("seed", 7).Encode(7L, []));
        Assert.StartsWith("Parameter 'seed': value '7' (Int64) is not valid; expected the fixed value '7'.", error.Message);
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
}
