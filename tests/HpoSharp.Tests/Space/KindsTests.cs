using HpoSharp.Space;

namespace HpoSharp.Tests.Space;

public sealed class KindsTests
{
    private sealed record Activation(string Name);

    [Fact]
    public void ChoicesComeBackAsTheOriginalObjects()
    {
        var relu = new Activation("relu");
        var choice = new ChoiceHP("act", relu, new Activation("tanh"));
        var encoded = new double[1];
        choice.Encode(new Activation("relu"), encoded);
        Assert.Equal(0, encoded[0]);
        Assert.Same(relu, choice.Decode(encoded));
        Assert.Equal(TestSpaces.Kernel.Rbf, new ChoiceHP("k", TestSpaces.Kernel.Linear, TestSpaces.Kernel.Rbf).Decode([1]));
        Assert.Equal(3, ChoiceHP.Of("layers", new[] { 2, 3 }).Decode([1]));
        Assert.Equal(["adam", "sgd"], new ChoiceHP("opti", new[] { "adam", "sgd" }).Choices);
    }

    [Fact]
    public void BadChoicesAreRefusedWithTheParameterName()
    {
        Assert.Contains("at least one value", Assert.Throws<ArgumentException>(() => new ChoiceHP("opti")).Message);
        var duplicate = Assert.Throws<ArgumentException>(() => new ChoiceHP("opti", "adam", "sgd", "adam"));
        Assert.Contains("'opti'", duplicate.Message);
        Assert.Contains("'adam' is given twice", duplicate.Message);
        Assert.Contains("choice 1 is null", Assert.Throws<ArgumentException>(() => new ChoiceHP("opti", "adam", null!)).Message);
        Assert.Contains("ChoiceHP.Of", Assert.Throws<ArgumentException>(() => new ChoiceHP("layers", new[] { 2, 3 })).Message);
        Assert.Contains("not valid", Assert.Throws<ArgumentException>(() => new ChoiceHP("opti", "adam").Encode("rmsprop", new double[1])).Message);
    }

    [Fact]
    public void RangesDecodeToTheirTypesAndRefuseValuesOutside()
    {
        Assert.IsType<double>(new RangeHP("x", 0, 1).Decode([0.5]));
        Assert.IsType<double>(new LogRangeHP("lr", 1e-3, 1).Decode([0.01]));
        Assert.Equal(7, new IntRangeHP("n", 1, 9).Decode([7]));
        var encoded = new double[1];
        new IntRangeHP("n", 1, 9).Encode(4L, encoded);
        Assert.Equal(4, encoded[0]);
        var error = Assert.Throws<ArgumentException>(() => new IntRangeHP("n", 1, 9).Encode(12, encoded));
        Assert.Contains("'n'", error.Message);
        Assert.Contains("[1, 9]", error.Message);
        Assert.Throws<ArgumentException>(() => new RangeHP("x", 0, 1).Encode("0.5", encoded));
        Assert.Throws<ArgumentException>(() => new IntRangeHP("n", 1, 9).Encode(2.5, encoded));
        Assert.Throws<ArgumentException>(() => new RangeHP(" ", 0, 1));
    }

    [Fact]
    public void AFixedValueHasNoDimensionAndPassesThrough()
    {
        var seed = new FixedHP("seed", 42);
        Assert.Empty(seed.Dimensions);
        Assert.Equal(42, seed.Decode([]));
        Assert.Throws<ArgumentException>(() => seed.Encode(41, []));
        Assert.Throws<ArgumentNullException>(() => new FixedHP("seed", null!));
    }

    [Fact]
    public void AnIntListHasOneDimensionPerElementAndDecodesItsActivePrefix()
    {
        var widths = new IntListHP("widths", 3, 8, 256, log: true);
        Assert.Equal(["widths[0]", "widths[1]", "widths[2]"], widths.Dimensions.Select(d => d.Name));
        Assert.All(widths.Dimensions, d => Assert.True(d.Log));
        Assert.Equal(new[] { 64, 32 }, widths.Decode([64, 32, double.NaN]));
        Assert.Null(widths.Decode([double.NaN, double.NaN, double.NaN]));
        var encoded = new double[3];
        widths.Encode(new[] { 16, 8 }, encoded);
        Assert.Equal([16, 8, double.NaN], encoded);
        Assert.Throws<ArgumentException>(() => widths.Encode(new[] { 16, 8, 4 }, encoded));
        Assert.Throws<ArgumentException>(() => widths.Encode(new[] { 1, 2, 3, 4 }, new double[3]));
    }
}
