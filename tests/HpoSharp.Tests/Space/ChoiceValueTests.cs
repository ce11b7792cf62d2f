using HpoSharp.Space;

namespace HpoSharp.Tests.Space;

public sealed class ChoiceValueTests
{
    [Fact]
    public void TupleChoicesAreWrittenTheSameWayInEveryCulture() => CommaCulture.Run(() =>
    {
        SearchSpace space = [new ChoiceHP("shape", (0.5, 2), (1.5, 3))];
        var error = Assert.Throws<ArgumentException>(() => space.Encode(new Dictionary<string, object?> { ["shape"] = (2.5, 1) }));
        Assert.StartsWith("Parameter 'shape': value '(2.5, 1)' (ValueTuple<Double, Int32>) is not valid; expected one of {(0.5, 2), (1.5, 3)}.", error.Message);
        Assert.Equal("(0.5, 2)", space.Decode([0]).GetString("shape"));
    });

    [Fact]
    public void ATupleWithItemsOfAnotherTypeIsReportedWithBothTypesWrittenOut()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChoiceHP("shape", (1, 2), (3, 4)).Encode((1L, 2L), new double[1]));
        Assert.StartsWith("Parameter 'shape': value '(1, 2)' (ValueTuple<Int64, Int64>) is not valid; expected one of {(1, 2), (3, 4)} (choice '(1, 2)' is a ValueTuple<Int32, Int32>, the value a ValueTuple<Int64, Int64>; a value matches only a choice of its own type).", error.Message);
    }

    [Fact]
    public void HyperParametersWriteTupleChoicesAndFixedValuesTheSameWayInEveryCulture() => CommaCulture.Run(() =>
    {
        SearchSpace space = [new ChoiceHP("shape", (0.5, 2), (1.5, 3)), new FixedHP("scale", (1.0 / 3, 1))];
        Assert.Equal("shape=(1.5, 3), scale=(0.333333, 1)", space.Decode([1]).ToString());
    });

    [Fact]
    public void APredicateThatThrowsAnArgumentExceptionIsReportedNamingTheParameterAndTheChoice()
    {
        var error = Assert.Throws<ArgumentException>(() => new SearchSpace([new ChoiceHP("kernel", "poly3", "rbf"), new IntRangeHP("degree", 1, 5) { ActiveWhen = new HPCondition("kernel", c => ((string)c).Substring(4) == "3") }]));
        Assert.StartsWith("Parameter 'degree' has a condition on 'kernel' whose predicate threw ArgumentOutOfRangeException for the choice 'rbf':", error.Message);
        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
    }

    [Fact]
    public void AnIntegerIsNotReadFromADecimalWithASmallFraction()
    {
        var hps = new HyperParameters([KeyValuePair.Create("n", (object)1.00000000000000001m)]);
        Assert.Throws<InvalidCastException>(() => hps.GetInt("n"));
    }

    [Fact]
    public void AWrongTypeOfAnArrayIsReportedWithItsElements()
    {
        var hps = new HyperParameters([KeyValuePair.Create("widths", (object)new[] { 64, 32 })]);
        Assert.Equal("Hyper-parameter 'widths' is a Int32[] ('[64, 32]'), not a Int32.", Assert.Throws<InvalidCastException>(() => hps.GetInt("widths")).Message);
    }

    [Fact]
    public void MatrixChoicesAreDeclaredAndMatchedByTheirElements()
    {
        var kernel = new ChoiceHP("kernel", new int[,] { { 1, 2 }, { 3, 4 } }, new int[,] { { 5, 6 }, { 7, 8 } });
        var encoded = new double[1];
        kernel.Encode(new int[,] { { 5, 6 }, { 7, 8 } }, encoded);
        Assert.Equal(1, encoded[0]);
        Assert.Throws<ArgumentException>(() => kernel.Encode(new[] { 5, 6, 7, 8 }, encoded));
        Assert.Throws<ArgumentException>(() => kernel.Encode(new int[,] { { 5, 6, 7, 8 } }, encoded));
        Assert.Throws<ArgumentException>(() => new ChoiceHP("kernel", new int[,] { { 1 } }, new int[,] { { 1 } }));
    }
}
