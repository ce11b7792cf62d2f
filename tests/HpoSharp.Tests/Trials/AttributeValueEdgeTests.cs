using System.Collections.Immutable;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Trials;

public sealed class AttributeValueEdgeTests
{
    [Fact]
    public void ArraysOfLongsAndStringsAreKeptAsImmutableArrays()
    {
        Assert.Equal([1L, long.MaxValue], Assert.IsType<ImmutableArray<long>>(AttributeValue.Normalize("l", new[] { 1L, long.MaxValue })).ToArray());
        Assert.Equal(["a"], Assert.IsType<ImmutableArray<string>>(AttributeValue.Normalize("s", new List<string> { "a" })).ToArray());
        ImmutableArray<double> kept = [0.5];
        Assert.Equal(kept, AttributeValue.Normalize("d", kept));
    }

    [Fact]
    public void IntsAndShortsBecomeLongs()
    {
        Assert.Equal(-5L, Assert.IsType<long>(AttributeValue.Normalize("s", (short)-5)));
        Assert.Equal(int.MinValue, Assert.IsType<long>(AttributeValue.Normalize("i", int.MinValue)));
    }

    [Fact]
    public void AnAttributeNeedsAKey()
    {
        Assert.Throws<ArgumentException>(() => AttributeValue.Normalize(" ", 1));
    }

    [Fact]
    public void EveryIntegerTypeUpToUIntAndArraysOfFloatsShortsAndUIntsAreStored()
    {
        Assert.Equal(7L, AttributeValue.Normalize("u", (ushort)7));
        Assert.Equal(-7L, AttributeValue.Normalize("s", (sbyte)-7));
        Assert.Equal([1.5], Assert.IsType<ImmutableArray<double>>(AttributeValue.Normalize("f", new[] { 1.5f })).ToArray());
        Assert.Equal([-2L], Assert.IsType<ImmutableArray<long>>(AttributeValue.Normalize("h", new short[] { -2 })).ToArray());
        Assert.Equal([4_000_000_000L], Assert.IsType<ImmutableArray<long>>(AttributeValue.Normalize("w", new[] { 4_000_000_000u })).ToArray());
        Assert.Equal([-1L], Assert.IsType<ImmutableArray<long>>(AttributeValue.Normalize("i", new[] { -1 })).ToArray());
        Assert.Throws<ArgumentException>(() => AttributeValue.Normalize("ul", new[] { ulong.MaxValue }));
        Assert.Throws<ArgumentException>(() => AttributeValue.Normalize("us", new ushort[] { 65535 }));
    }

    [Fact]
    public void ADefaultImmutableArrayIsStoredEmpty()
    {
        Assert.True(Assert.IsType<ImmutableArray<double>>(AttributeValue.Normalize("d", default(ImmutableArray<double>))) is { IsDefault: false, IsEmpty: true });
        Assert.True(Assert.IsType<ImmutableArray<long>>(AttributeValue.Normalize("l", default(ImmutableArray<long>))) is { IsDefault: false, IsEmpty: true });
        Assert.True(Assert.IsType<ImmutableArray<string>>(AttributeValue.Normalize("s", default(ImmutableArray<string>))) is { IsDefault: false, IsEmpty: true });
    }

    [Fact]
    public void ADefaultImmutableArrayOfFloatsIntsShortsOrUIntsIsStoredEmptyToo()
    {
        Assert.True(Assert.IsType<ImmutableArray<double>>(AttributeValue.Normalize("f", default(ImmutableArray<float>))) is { IsDefault: false, IsEmpty: true });
        Assert.True(Assert.IsType<ImmutableArray<long>>(AttributeValue.Normalize("i", default(ImmutableArray<int>))) is { IsDefault: false, IsEmpty: true });
        Assert.True(Assert.IsType<ImmutableArray<long>>(AttributeValue.Normalize("h", default(ImmutableArray<short>))) is { IsDefault: false, IsEmpty: true });
        Assert.True(Assert.IsType<ImmutableArray<long>>(AttributeValue.Normalize("w", default(ImmutableArray<uint>))) is { IsDefault: false, IsEmpty: true });
    }

    [Fact]
    public void AListOfStringsHoldingNullIsRefusedNamingTheKeyAndTheElement()
    {
        const string expected = "Attribute 'tags': element 1 of the list is null; a list of strings may hold empty strings, not null.";
        Assert.StartsWith(expected, Assert.Throws<ArgumentException>(() => AttributeValue.Normalize("tags", new List<string?> { "a", null })).Message);
        Assert.StartsWith(expected, Assert.Throws<ArgumentException>(() => AttributeValue.Normalize("tags", ImmutableArray.Create("a", null, "c"))).Message);
        Assert.Equal(["", "b"], Assert.IsType<ImmutableArray<string>>(AttributeValue.Normalize("tags", new[] { "", "b" })).ToArray());
    }

    [Fact]
    public void ARefusedValueIsNamedWithItsElementTypeAndTheMessageListsTheIntegersThatAreStored()
    {
        const string accepted = "use a string, bool, integer (up to long, not ulong), float or double, or an array of strings, doubles, floats or integers (long, int, short or uint).";
        Assert.StartsWith($"Attribute 'u': a UInt64 cannot be stored; {accepted}", Assert.Throws<ArgumentException>(() => AttributeValue.Normalize("u", ulong.MaxValue)).Message);
        Assert.StartsWith($"Attribute 'b': a Byte[] cannot be stored; {accepted}", Assert.Throws<ArgumentException>(() => AttributeValue.Normalize("b", new byte[] { 1 })).Message);
        Assert.StartsWith($"Attribute 'flags': a List<Boolean> cannot be stored; {accepted}", Assert.Throws<ArgumentException>(() => AttributeValue.Normalize("flags", new List<bool> { true })).Message);
        Assert.StartsWith("Attribute 'map': a Dictionary<String, List<Int32>> cannot be stored;", Assert.Throws<ArgumentException>(() => AttributeValue.Normalize("map", new Dictionary<string, List<int>>())).Message);
    }
}
