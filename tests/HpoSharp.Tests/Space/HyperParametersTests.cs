using HpoSharp.Space;

namespace HpoSharp.Tests.Space;

public sealed class HyperParametersTests
{
    private static readonly HyperParameters Hps = new([
        KeyValuePair.Create("lr", (object)0.001),
        KeyValuePair.Create("layers", (object)3),
        KeyValuePair.Create("opti", (object)"adam"),
        KeyValuePair.Create("widths", (object)new[] { 64, 32 }),
    ]);

    [Fact]
    public void TypedAccessConvertsNumbersAndKeepsOrder()
    {
        Assert.Equal(0.001, Hps.GetDouble("lr"));
        Assert.Equal(3.0, Hps.GetDouble("layers"));
        Assert.Equal(3, Hps.GetInt("layers"));
        Assert.Equal("adam", Hps.GetString("opti"));
        Assert.Equal(["lr", "layers", "opti", "widths"], Hps.Keys);
        Assert.Equal("lr=0.001, layers=3, opti=adam, widths=[64, 32]", Hps.ToString());
    }

    [Fact]
    public void MissingOrMistypedValuesSayWhat()
    {
        var missing = Assert.Throws<KeyNotFoundException>(() => Hps["degree"]);
        Assert.Contains("'degree' is not in this configuration", missing.Message);
        Assert.Contains("present: lr, layers, opti, widths", missing.Message);
        var mistyped = Assert.Throws<InvalidCastException>(() => Hps.Get<int>("opti"));
        Assert.Contains("'opti' is a String ('adam'), not a Int32", mistyped.Message);
    }
}
