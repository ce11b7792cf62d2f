using System.Collections.Immutable;
using HpoSharp.Execution;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Trials;

public sealed class AttributeValueTests
{
    [Fact]
    public void NumbersBecomeLongsOrDoublesOfTheSameValue()
    {
        Assert.Equal(1.5, Assert.IsType<double>(AttributeValue.Normalize("f", 1.5f)));
        Assert.Equal(7L, Assert.IsType<long>(AttributeValue.Normalize("b", (byte)7)));
        Assert.Equal(4_000_000_000L, Assert.IsType<long>(AttributeValue.Normalize("u", 4_000_000_000u)));
        Assert.Equal(-3L, Assert.IsType<long>(AttributeValue.Normalize("s", (short)-3)));
    }

    [Fact]
    public void SequencesBecomeImmutableArraysOfDoublesLongsOrStrings()
    {
        Assert.Equal([0.5, 2], Assert.IsType<ImmutableArray<double>>(AttributeValue.Normalize("d", new List<double> { 0.5, 2 })).ToArray());
        Assert.Equal([1L, 2L], Assert.IsType<ImmutableArray<long>>(AttributeValue.Normalize("i", new[] { 1, 2 })).ToArray());
        Assert.Equal(["a", "b"], Assert.IsType<ImmutableArray<string>>(AttributeValue.Normalize("s", new[] { "a", "b" })).ToArray());
    }

    [Fact]
    public void OtherValuesAndNullAreRefusedNamingTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => AttributeValue.Normalize("when", DateTime.UnixEpoch));
        Assert.StartsWith("Attribute 'when': a DateTime cannot be stored; use a string, bool, integer (up to long, not ulong), float or double, or an array of strings, doubles, floats or integers (long, int, short or uint).", error.Message);
        Assert.StartsWith("Attribute 'flags': a Boolean[] cannot be stored;", Assert.Throws<ArgumentException>(() => AttributeValue.Normalize("flags", new[] { true })).Message);
        Assert.StartsWith("Attribute 'n': the value must not be null.", Assert.Throws<ArgumentNullException>(() => AttributeValue.Normalize("n", null!)).Message);
    }

    [Fact]
    public void ATrialKeepsItsAttributesNormalizedAndRefusesTheOthers()
    {
        var study = new Study(HpoRegistry.Build("random", TestSpaces.Small()), new StudyOptions { Seed = 1 });
        var trial = study.Ask();
        trial.SetAttribute("f", 1.5f);

        Assert.Equal(1.5, Assert.IsType<double>(study.Trials[trial.Number].Attributes["f"]));
        Assert.Contains("Attribute 'when'", Assert.Throws<ArgumentException>(() => trial.SetAttribute("when", DateTime.UnixEpoch)).Message);
        Assert.Equal(["f"], study.Trials[trial.Number].Attributes.Keys);
    }
}
