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
    });

    [Fact]
    public void NumbersConvertToDecimal()
    {
        Assert.Equal(0.5m, new HyperParameters([KeyValuePair.Create("lr", (object)0.5)]).Get<decimal>("lr"));
        Assert.Equal(3m, Hps.Get<decimal>("layers"));
    }
}
