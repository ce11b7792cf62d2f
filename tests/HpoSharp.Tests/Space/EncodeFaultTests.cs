using HpoSharp.Space;

namespace HpoSharp.Tests.Space;

public sealed class EncodeFaultTests
{
    [Fact]
    public void AnInactiveParameterThatIsGivenIsReportedWithItsValueAndWhatItsParentIs()
    {
        SearchSpace space = [new ChoiceHP("k", "a", "b"), new RangeHP("x", 0, 1) { ActiveWhen = new HPCondition("k", v => (string)v == "a") }];
        var error = Assert.Throws<ArgumentException>(() => space.Encode(new Dictionary<string, object?> { ["k"] = "b", ["x"] = 0.5 }));
        Assert.Equal("Parameter 'x' is given ('0.5'), but it is inactive here (k in {a} does not hold: k is 'b'); leave it out or give it as null. (Parameter 'values')", error.Message);
    }

    [Fact]
    public void AListTooShortOrTooLongForItsLengthIsReportedWithTheParameterAndItsValue()
    {
        SearchSpace space = [new ChoiceHP("n", 1, 2, 3), new IntListHP("w", 3, 8, 64, lengthFrom: "n")];
        var tooShort = Assert.Throws<ArgumentException>(() => space.Encode(new Dictionary<string, object?> { ["n"] = 2, ["w"] = new[] { 8 } }));
        Assert.Equal("Parameter 'w': value '[8]' (Int32[]) leaves dimension 'w[1]' without a value, but it is active here (n in {2, 3} holds). (Parameter 'values')", tooShort.Message);
        var tooLong = Assert.Throws<ArgumentException>(() => space.Encode(new Dictionary<string, object?> { ["n"] = 2, ["w"] = new[] { 8, 9, 10 } }));
        Assert.Equal("Parameter 'w': value '[8, 9, 10]' (Int32[]) gives dimension 'w[2]' the value 10, but it is inactive here (n in {3} does not hold: n is '2'). (Parameter 'values')", tooLong.Message);
        SearchSpace fixedLength = [new IntListHP("w", 3, 8, 64)];
        var shorter = Assert.Throws<ArgumentException>(() => fixedLength.Encode(new Dictionary<string, object?> { ["w"] = new[] { 8, 9 } }));
        Assert.Equal("Parameter 'w': value '[8, 9]' (Int32[]) leaves dimension 'w[2]' without a value, but it is active here. (Parameter 'values')", shorter.Message);
    }

    [Fact]
    public void AKindOfYourOwnThatEncodesAValueOutOfItsDimensionIsReportedWithTheParameterAndItsValue() => CommaCulture.Run(() =>
    {
        SearchSpace space = [new Pair("p")];
        Assert.Equal([0.5, 7], space.Encode(new Dictionary<string, object?> { ["p"] = (0.5, 7) }));
        var error = Assert.Throws<ArgumentException>(() => space.Encode(new Dictionary<string, object?> { ["p"] = (0.5, 70) }));
        Assert.Equal("Parameter 'p': value '(0.5, 70)' (ValueTuple<Double, Int32>) gives dimension 'p.b' the value 70, which is not an allowed value of p.b: integer [1, 9]. (Parameter 'values')", error.Message);
    });

    /// <summary>A pair of a real in [0, 1] and an integer in [1, 9] that leaves checking its value to the search space.</summary>
    private sealed class Pair(string name) : HPSpace(name)
    {
        private readonly Dimension[] _dimensions = [Dimension.Real($"{name}.a", 0, 1), Dimension.Integer($"{name}.b", 1, 9)];

        public override IReadOnlyList<Dimension> Dimensions => _dimensions;

        public override object? Decode(ReadOnlySpan<double> values) => (values[0], (int)values[1]);

        public override void Encode(object value, Span<double> destination)
        {
            var (a, b) = value as (double, int)? ?? throw InvalidValue(value, "a (double, int)");
            (destination[0], destination[1]) = (a, b);
        }
    }
}
