using System.Text.Json.Nodes;
using HpoSharp.Bench.Timing;

namespace HpoSharp.Tests.Bench;

/// <summary>The stored timings keep the processor they were measured on, which a later report made on another machine names.</summary>
public sealed class TimingStoreTests
{
    private static readonly DateTimeOffset Measured = new(2026, 11, 29, 23, 24, 0, TimeSpan.Zero);

    [Fact]
    public void TheProcessorOfTheTimingRunRoundTripsAndIsNamedInTheReportLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"timings-{Guid.NewGuid():N}.json");
        try
        {
            new TimingStore(Measured, "1-minute load average 0.08 at the start on 2 cores (quiet).", [], new Dictionary<string, IReadOnlyDictionary<int, double>>(), "AMD EPYC").Save(path);
            var loaded = TimingStore.Load(path)!;

            Assert.Equal("AMD EPYC", loaded.Processor);
            Assert.Equal("Timing runs (overhead, throughput) of 2026-11-29 23:24 UTC on AMD EPYC: 1-minute load average 0.08 at the start on 2 cores (quiet).", loaded.Describe());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TimingsStoredWithoutTheirProcessorSaySoRatherThanBorrowTheReportsMachine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"timings-{Guid.NewGuid():N}.json");
        try
        {
            var node = new JsonObject { ["measured_at"] = Measured.ToString("O"), ["note"] = "quiet.", ["overhead"] = new JsonArray(), ["throughput"] = new JsonObject() };
            File.WriteAllText(path, node.ToJsonString());

            Assert.Equal("Timing runs (overhead, throughput) of 2026-11-29 23:24 UTC on a processor not recorded: quiet.", TimingStore.Load(path)!.Describe());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
