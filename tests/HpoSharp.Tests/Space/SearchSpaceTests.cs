using FsCheck;
using FsCheck.Fluent;
using HpoSharp.Optimizers;
using HpoSharp.Space;
using static HpoSharp.Tests.TestSpaces;

namespace HpoSharp.Tests.Space;

public sealed class SearchSpaceTests
{
    [Fact]
    public void ParentsComeBeforeTheirChildren()
    {
        SearchSpace space =
        [
            new IntRangeHP("degree", 2, 5) { ActiveWhen = new HPCondition("kernel", "poly") },
            new ChoiceHP("kernel", "linear", "poly"),
            new RangeHP("c", 0, 1),
        ];
        Assert.Equal(["kernel", "degree", "c"], space.Select(p => p.Name));
        Assert.Equal(["degree", "kernel", "c"], space.Declared.Select(p => p.Name));
        Assert.True(space.HasConditions);
        Assert.Equal(0, Assert.Single(space.ConditionsOf(1)).Parent);
    }

    [Fact]
    public void ConditionsDecideWhichParametersTheObjectiveSees()
    {
        var space = Rich();
        var poly = space.Encode(Values(Kernel.Poly, 2, degree: 3));
        var hps = space.Decode(poly);
        Assert.Equal(3, hps["degree"]);
        Assert.Equal(new[] { 16, 32 }, hps["widths"]);
        Assert.Equal(7, hps["seed"]);

        var linear = space.Decode(space.Encode(Values(Kernel.Linear, 1)));
        Assert.False(linear.ContainsKey("degree"));
        Assert.False(linear.ContainsKey("gamma"));
        Assert.Equal(new[] { 16 }, linear["widths"]);
        Assert.Equal(["x", "lr", "units", "batch", "epochs", "dropout", "kernel", "num_layers", "widths", "seed"], linear.Keys);
    }

    [Fact]
    public void EncodingRefusesUnknownInactiveAndMissingParameters()
    {
        var space = Rich();
        var unknown = Values(Kernel.Linear, 1);
        unknown["momentum"] = 0.9;
        Assert.Contains("'momentum' is not a parameter", Assert.Throws<ArgumentException>(() => space.Encode(unknown)).Message);

        var inactive = Values(Kernel.Linear, 1);
        inactive["degree"] = 3;
        Assert.Contains("Parameter 'degree' is given ('3'), but it is inactive here (kernel in {Poly} does not hold: kernel is 'Linear')", Assert.Throws<ArgumentException>(() => space.Encode(inactive)).Message);

        var missing = Values(Kernel.Rbf, 1);
        missing.Remove("gamma");
        Assert.Contains("'gamma' is active here but has no value", Assert.Throws<ArgumentException>(() => space.Encode(missing)).Message);

        var tooShort = Values(Kernel.Linear, 3);
        Assert.Contains("Parameter 'widths': value '[16, 32]' (Int32[]) leaves dimension 'widths[2]' without a value, but it is active here (num_layers in {3} holds).", Assert.Throws<ArgumentException>(() => space.Encode(tooShort)).Message);
    }

    [Fact]
    public void ValidateNamesTheOffendingDimension()
    {
        var space = Rich();
        var encoded = space.Encode(Values(Kernel.Linear, 1));
        var badIndex = space.Select(p => p.Name).ToList().IndexOf("units");
        var offset = space.DimensionRange(badIndex).Offset;
        encoded[offset] = 3.5;
        Assert.Contains("Dimension 'units' has value 3.5", Assert.Throws<ArgumentException>(() => space.Validate(encoded)).Message);
        encoded[offset] = 3;
        encoded[space.DimensionRange(space.Select(p => p.Name).ToList().IndexOf("degree")).Offset] = 2;
        Assert.Contains("'degree' is inactive here (kernel in {Poly}", Assert.Throws<ArgumentException>(() => space.Validate(encoded)).Message);
        Assert.Contains("has 3 values", Assert.Throws<ArgumentException>(() => space.Validate([1, 2, 3])).Message);
    }

    [Fact]
    public void InvalidSpacesAreRefusedWithTheParameterAndTheFault()
    {
        Assert.Contains("'x' is used twice", Fault([new RangeHP("x", 0, 1), new RangeHP("x", 0, 2)]));
        Assert.Contains("condition on 'kernel', which is not a parameter", Fault([new RangeHP("c", 0, 1) { ActiveWhen = new HPCondition("kernel", "rbf") }]));
        Assert.Contains("a condition's parent must be a ChoiceHP", Fault([new RangeHP("a", 0, 1), new RangeHP("b", 0, 1) { ActiveWhen = new HPCondition("a", 0.5) }]));
        Assert.Contains("'sigmoid', which is not one of its choices", Fault([new ChoiceHP("kernel", "rbf", "poly"), new RangeHP("c", 0, 1) { ActiveWhen = new HPCondition("kernel", "sigmoid") }]));
        Assert.Contains("none of its choices satisfies", Fault([new ChoiceHP("n", 1, 2), new RangeHP("c", 0, 1) { ActiveWhen = new HPCondition("n", v => (int)v > 5) }]));
        Assert.Contains("The conditions form a cycle: a -> b -> a", Fault(
        [
            new ChoiceHP("a", 1, 2) { ActiveWhen = new HPCondition("b", 1) },
            new ChoiceHP("b", 1, 2) { ActiveWhen = new HPCondition("a", 1) },
        ]));
        Assert.Contains("its length parameter's choices must be whole numbers from 0 to 2, the list's largest length (got 'one')", Fault([new ChoiceHP("n", "one", "two"), new IntListHP("w", 2, 1, 9, lengthFrom: "n")]));

        static string Fault(HPSpace[] parameters) => Assert.ThrowsAny<ArgumentException>(() => new SearchSpace(parameters)).Message;
    }

    [Fact]
    public void ParameterNamesAreCaseSensitive()
    {
        SearchSpace space = [new ChoiceHP("kernel", "linear", "poly"), new FixedHP("seed", 7)];
        var unknown = Assert.Throws<ArgumentException>(() => space.Encode(new Dictionary<string, object?> { ["kernel"] = "poly", ["Seed"] = 7 }));
        Assert.Contains("'Seed' is not a parameter of this search space; its parameters are kernel, seed.", unknown.Message);

        var condition = Assert.Throws<ArgumentException>(() => new SearchSpace(
            [new ChoiceHP("kernel", "linear", "poly"), new IntRangeHP("degree", 2, 5) { ActiveWhen = new HPCondition("Kernel", "poly") }]));
        Assert.Contains("Parameter 'degree' has a condition on 'Kernel', which is not a parameter of this search space.", condition.Message);
    }

    [Fact]
    public void AConditionReadsItsParentsDimensionAfterParametersOfNoneOrSeveralDimensions()
    {
        SearchSpace space =
        [
            new FixedHP("seed", 7),
            new IntListHP("widths", 3, 8, 64),
            new ChoiceHP("kernel", "linear", "poly"),
            new IntRangeHP("degree", 2, 5) { ActiveWhen = new HPCondition("kernel", "poly") },
        ];
        Assert.Equal(3, Assert.Single(space.ConditionsOf(4)).Parent);

        var widths = new[] { 8, 16, 32 };
        var poly = space.Decode(space.Encode(new Dictionary<string, object?> { ["widths"] = widths, ["kernel"] = "poly", ["degree"] = 3 }));
        var linear = space.Decode(space.Encode(new Dictionary<string, object?> { ["widths"] = widths, ["kernel"] = "linear" }));
        Assert.Equal(3, poly["degree"]);
        Assert.False(linear.ContainsKey("degree"));
    }

    [Fact]
    public void DecodingThenEncodingAnySampledConfigurationGivesItBack()
    {
        var space = Rich();
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), seed =>
        {
            var encoded = RandomOptimizer.Sample(space, new RandomStream(seed));
            space.Validate(encoded);
            var again = space.Encode(space.Decode(encoded).ToDictionary(kv => kv.Key, kv => (object?)kv.Value));
            return encoded.AsSpan().SequenceEqual(again);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ApplyConditionsBlanksTheInactiveDimensions()
    {
        var space = Rich();
        var encoded = RandomOptimizer.Sample(space, new RandomStream(3));
        var everything = encoded.Select(v => double.IsNaN(v) ? 2 : v).ToArray();
        space.ApplyConditions(everything);
        Assert.Equal(encoded, everything);
    }

    private static Dictionary<string, object?> Values(Kernel kernel, int layers, int degree = 2) => new()
    {
        ["x"] = 0.5,
        ["lr"] = 0.001,
        ["units"] = 3,
        ["batch"] = 64,
        ["epochs"] = 20,
        ["dropout"] = 0.2,
        ["kernel"] = kernel,
        ["degree"] = kernel == Kernel.Poly ? degree : null,
        ["gamma"] = kernel == Kernel.Linear ? null : 0.1,
        ["num_layers"] = layers,
        ["widths"] = new[] { 16, 32, 64 }[..Math.Min(layers, 2)],
    };
}
