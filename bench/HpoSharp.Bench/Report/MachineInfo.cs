using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HpoSharp.Bench.Report;

/// <summary>What the report says about the machine and the software: processor, cores, memory, OS, runtime, commit, load.</summary>
public static class MachineInfo
{
    /// <summary>The processor's model name.</summary>
    public static string Processor => ReadLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    /// <summary>The total memory.</summary>
    public static string Memory => ReadLine("/proc/meminfo", "MemTotal") ?? "unknown";

    /// <summary>The operating system's name.</summary>
    public static string OperatingSystem => ReadLine("/etc/os-release", "PRETTY_NAME")?.Trim('"') ?? RuntimeInformation.OSDescription;

    /// <summary>The 1-, 5- and 15-minute load averages.</summary>
    public static string Load => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The 1-minute load average, or NaN.</summary>
    public static double LoadOneMinute => double.TryParse(Load.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : double.NaN;

    /// <summary>The checked-out commit of the repository, or "unknown".</summary>
    public static string Commit
    {
        get
        {
            try
            {
                using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true })!;
                var commit = git.StandardOutput.ReadToEnd().Trim();
                git.WaitForExit();
                return git.ExitCode == 0 ? commit : "unknown";
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "unknown";
            }
        }
    }

    /// <summary>A markdown list of the facts.</summary>
    public static string Describe() =>
        $"- Processor of this report's runs (the timing runs name their own below): {Processor}, {Environment.ProcessorCount} logical cores; memory {Memory}\n" +
        $"- OS: {OperatingSystem}; runtime {RuntimeInformation.FrameworkDescription}\n" +
        $"- HpoSharp commit: {Commit}\n";

    private static string? ReadLine(string path, string key) =>
        File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(key.StartsWith("PRETTY", StringComparison.Ordinal) ? '=' : ':', 2)[1].Trim() : null;
}
