using HpoSharp.Space;

namespace HpoSharp.Tests.Space;

public sealed class HyperParametersEdgeTests
{
    private static readonly HyperParameters Hps = new([
        KeyValuePair.Create("use_bias", (object)true),
        KeyValuePair.Create("layers", (object)3),
        KeyValuePair.Create("lr", (object)0.00312345678),
        KeyValuePair.Create("kernel", (object)TestSpaces.Kernel.Rbf),
        KeyValuePair.Create("zeta", (object)1),
        KeyValuePair.Create("alpha", (object)2),
    ]);

    [Fact]
    public void BooleansAndNumbersDoNotConvertIntoEachOther()
    {
        Assert.True(Hps.Get<bool>("use_bias"));
        Assert.Contains("'layers' is a Int32 ('3'), not a Boolean", Assert.Throws<InvalidCastException>(() => Hps.Get<bool>("layers")).Message);
        Assert.Contains("'use_bias' is a Boolean ('True'), not a Int32", Assert.Throws<InvalidCastException>(() => Hps.Get<int>("use_bias")).Message);
    }

    [Fact]
    public void KeysKeepTheOrderGiven()
    {
        Assert.Equal(["use_bias", "layers", "lr", "kernel", "zeta", "alpha"], Hps.Keys);
        Assert.Equal([true, 3, 0.00312345678, TestSpaces.Kernel.Rbf, 1, 2], Hps.Values);
    }

    [Fact]
    public void GetStringGivesTheTextOfAnyChoice()
    {
        Assert.Equal("Rbf", Hps.GetString("kernel"));
        Assert.Equal("3", Hps.GetString("layers"));
    }

    [Fact]
    public void GetStringWritesANumericChoiceTheSameWayInEveryCulture() => CommaCulture.Run(() =>
    {
        SearchSpace space = [new ChoiceHP("scale", 0.5, 1.5)];
        var hps = space.Decode(space.Encode(new Dictionary<string, object?> { ["scale"] = 0.5 }));
        Assert.Equal("0.5", hps.GetString("scale"));
        SearchSpace lists = [new IntListHP("widths", 2, 8, 128)];
        Assert.Equal("[64, 32]", lists.Decode(lists.Encode(new Dictionary<string, object?> { ["widths"] = new[] { 64, 32 } })).GetString("widths"));
    });

    [Fact]
    public void NumbersConvertToDecimal()
    {
        Assert.Equal(0.5m, new HyperParameters([KeyValuePair.Create("lr", (object)0.5)]).Get<decimal>("lr"));
        Assert.Equal(3m, Hps.Get<decimal>("layers"));
    }

    [Fact]
    public void AnIntegerIsNotReadFromARealWithAFraction()
    {
        var hps = new HyperParameters([KeyValuePair.Create("x", (object)2.5), KeyValuePair.Create("y", (object)3.5), KeyValuePair.Create("z", (object)4.0)]);
        Assert.Equal("Hyper-parameter 'x' is a Double ('2.5'), not a whole number, so not a Int32.", Assert.Throws<InvalidCastException>(() => hps.GetInt("x")).Message);
        Assert.Throws<InvalidCastException>(() => hps.Get<long>("y"));
        Assert.Equal(4, hps.GetInt("z"));
    }

    [Fact]
    public void AnIntegerIsNotReadFromNaNOrFromANumberOutOfItsRangeAndTheErrorNamesTheParameter()
    {
        var hps = new HyperParameters([KeyValuePair.Create("x", (object)double.NaN), KeyValuePair.Create("big", (object)1e20)]);
        Assert.Equal("Hyper-parameter 'x' is a Double ('NaN'), not a whole number, so not a Int32.", Assert.Throws<InvalidCastException>(() => hps.GetInt("x")).Message);
        Assert.Equal("Hyper-parameter 'big' is a Double ('1E+20'), outside the range of a Int32.", Assert.Throws<InvalidCastException>(() => hps.GetInt("big")).Message);
    }

    [Fact]
    public void AFloatIsNotReadFromADoubleBeyondItsRangeButInfinityStaysInfinity()
    {
        var hps = new HyperParameters([KeyValuePair.Create("big", (object)1e300), KeyValuePair.Create("inf", (object)double.PositiveInfinity), KeyValuePair.Create("x", (object)0.5)]);
        Assert.Equal("Hyper-parameter 'big' is a Double ('1E+300'), outside the range of a Single.", Assert.Throws<InvalidCastException>(() => hps.Get<float>("big")).Message);
        Assert.Equal(float.PositiveInfinity, hps.Get<float>("inf"));
        Assert.Equal(0.5f, hps.Get<float?>("x"));
    }

    [Fact]
    public void NumbersConvertToNullableNumbers()
    {
        Assert.Equal(3L, Hps.Get<long?>("layers"));
        Assert.Equal(3.0, Hps.Get<double?>("layers"));
        Assert.Equal("Hyper-parameter 'use_bias' is a Boolean ('True'), not a Int64.", Assert.Throws<InvalidCastException>(() => Hps.Get<long?>("use_bias")).Message);
    }

    [Fact]
    public void AGenericTypeAskedForIsWrittenWithItsTypeArguments()
    {
        Assert.Equal("Hyper-parameter 'layers' is a Int32 ('3'), not a List<Int32>.", Assert.Throws<InvalidCastException>(() => Hps.Get<List<int>>("layers")).Message);
        Assert.Equal("Hyper-parameter 'layers' is a Int32 ('3'), not a IReadOnlyList<Double>.", Assert.Throws<InvalidCastException>(() => Hps.Get<IReadOnlyList<double>>("layers")).Message);
    }

    [Fact]
    public void CharsEnumsAndDatesAreReadOnlyAsTheirOwnTypeAndTheErrorNamesTheParameter()
    {
        var hps = new HyperParameters([KeyValuePair.Create("letter", (object)'b'), KeyValuePair.Create("day", (object)new DateTime(2020, 1, 2)), .. Hps]);
        Assert.Equal("Hyper-parameter 'kernel' is a Kernel ('Rbf'), not a Int32.", Assert.Throws<InvalidCastException>(() => hps.GetInt("kernel")).Message);
        Assert.Equal("Hyper-parameter 'letter' is a Char ('b'), not a Int32.", Assert.Throws<InvalidCastException>(() => hps.GetInt("letter")).Message);
        Assert.Equal("Hyper-parameter 'letter' is a Char ('b'), not a Double.", Assert.Throws<InvalidCastException>(() => hps.GetDouble("letter")).Message);
        Assert.StartsWith("Hyper-parameter 'day' is a DateTime (", Assert.Throws<InvalidCastException>(() => hps.GetDouble("day")).Message);
        Assert.Equal("Hyper-parameter 'layers' is a Int32 ('3'), not a IntPtr.", Assert.Throws<InvalidCastException>(() => hps.Get<nint>("layers")).Message);
        Assert.Equal("Hyper-parameter 'layers' is a Int32 ('3'), not a Char.", Assert.Throws<InvalidCastException>(() => hps.Get<char>("layers")).Message);
        Assert.Equal(TestSpaces.Kernel.Rbf, hps.Get<TestSpaces.Kernel>("kernel"));
        Assert.Equal('b', hps.Get<char>("letter"));
        var pair = new HyperParameters([KeyValuePair.Create("shape", (object)(0.5, 2))]);
        Assert.Equal("Hyper-parameter 'shape' is a ValueTuple<Double, Int32> ('(0.5, 2)'), not a Double.", Assert.Throws<InvalidCastException>(() => pair.GetDouble("shape")).Message);
    }

    [Fact]
    public void AWrongTypeIsReportedWithTheValueWrittenTheSameWayInEveryCulture() => CommaCulture.Run(() =>
    {
        var error = Assert.Throws<InvalidCastException>(() => Hps.Get<string>("lr"));
        Assert.Equal("Hyper-parameter 'lr' is a Double ('0.00312345678'), not a String.", error.Message);
    });

    [Fact]
    public void AFloatIsNotReadFromANegativeDoubleBeyondItsRangeButMinusInfinityStaysInfinite()
    {
        var hps = new HyperParameters([KeyValuePair.Create("low", (object)-1e300), KeyValuePair.Create("inf", (object)double.NegativeInfinity)]);
        Assert.Equal("Hyper-parameter 'low' is a Double ('-1E+300'), outside the range of a Single.", Assert.Throws<InvalidCastException>(() => hps.Get<float>("low")).Message);
        Assert.Equal(float.NegativeInfinity, hps.Get<float>("inf"));
    }
}
