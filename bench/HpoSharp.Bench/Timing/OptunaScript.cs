using System.Diagnostics;
using System.Text.Json.Nodes;

namespace HpoSharp.Bench.Timing;

/// <summary>Starts <c>bench/optuna/run_optuna.py</c> under Debian's Python, for the timings measured beside Optuna in the same run.</summary>
public static class OptunaScript
{
    /// <summary>
    /// The process of the script with <paramref name="arguments"/>, on the Optuna checkout at <paramref name="optunaPath"/>
    /// (with the <c>cmaes</c> checkout of the <c>CMAES_PATH</c> environment variable, if any), or on Debian's Optuna and
    /// <c>cmaes</c> when it is null: the script does not read the two environment variables itself.
    /// </summary>
    public static ProcessStartInfo Start(string? optunaPath, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("/usr/bin/python3") { ArgumentList = { "bench/optuna/run_optuna.py" } };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("OPTUNA_PATH");
        start.Environment.Remove("CMAES_PATH");
        if (optunaPath is not null)
        {
            start.ArgumentList.Add("--optuna-path");
            start.ArgumentList.Add(optunaPath);
            if (Environment.GetEnvironmentVariable("CMAES_PATH") is { } cmaes)
            {
                start.ArgumentList.Add("--cmaes-path");
                start.ArgumentList.Add(cmaes);
            }
        }

        return start;
    }

    /// <summary>
    /// Runs the script with <paramref name="arguments"/> (see <see cref="Start"/>) and returns the JSON object of the last
    /// line it prints, or null when it cannot run or fails.
    /// </summary>
    public static JsonObject? LastLine(string? optunaPath, params string[] arguments)
    {
        var start = Start(optunaPath, arguments);
        start.RedirectStandardOutput = true;
        try
        {
            using var process = Process.Start(start)!;
            var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            process.WaitForExit();
            return process.ExitCode == 0 && lines.Length > 0 ? JsonNode.Parse(lines[^1])!.AsObject() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
