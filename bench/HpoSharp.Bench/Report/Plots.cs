using HpoSharp.Bench.Problems;
using HpoSharp.Bench.Running;
using HpoSharp.Bench.Stats;
using ScottPlot;

namespace HpoSharp.Bench.Report;

/// <summary>PNG plots (ScottPlot): anytime curves of the median score per column, and suggestion overhead against the number of trials.</summary>
public static class Plots
{
    /// <summary>Plots the median over seeds of log10(score) after each number of trials; returns false when no column ran the problem.</summary>
    public static bool Anytime(ResultSet results, Problem problem, string path)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(problem);
        var plot = new Plot();
        var any = false;
        var step = problem.IsMultiObjective ? 5 : 1;
        foreach (var (column, index) in results.Columns.Select((c, i) => (c, i)))
        {
            if (results.Get(column, problem.Name) is not { } entry)
            {
                continue;
            }

            var xs = Enumerable.Range(1, entry.Budget / step).Select(k => k * step).ToArray();
            var ys = xs.Select(t => Summary.Median([.. entry.Runs.Select((r, s) => Math.Log10(ResultSet.Score(r, problem, t, SeedOf(results, column, problem, s))))])).ToArray();
            AddLine(plot, xs.Select(x => (double)x).ToArray(), ys, column, index);
            any = true;
        }

        if (!any)
        {
            return false;
        }

        plot.Title(problem.Name);
        plot.XLabel("trials");
        plot.YLabel(problem.IsMultiObjective ? "log10 median hypervolume gap" : "log10 median regret");
        plot.ShowLegend(Edge.Right);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plot.SavePng(path, 1100, 520);
        return true;
    }

    /// <summary>Plots log10 seconds per suggestion against log10 completed trials, one line per (library, algorithm).</summary>
    public static void Overhead(string title, IReadOnlyList<(Column Column, double[] Trials, double[] Seconds)> lines, string path)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var plot = new Plot();
        foreach (var ((column, trials, seconds), index) in lines.Select((l, i) => (l, i)))
        {
            AddLine(plot, [.. trials.Select(Math.Log10)], [.. seconds.Select(Math.Log10)], column, index);
        }

        plot.Title(title);
        plot.XLabel("log10 completed trials");
        plot.YLabel("log10 seconds per suggestion");
        plot.ShowLegend(Edge.Right);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plot.SavePng(path, 1100, 520);
    }

    private static void AddLine(Plot plot, double[] xs, double[] ys, Column column, int index)
    {
        var line = plot.Add.ScatterLine(xs, ys);
        line.LegendText = column.Label;
        line.Color = Colors.Category10[index % 10];
        line.LineWidth = column.IsHpoSharp ? 3 : 1.5f;
        line.LinePattern = column.IsHpoSharp ? LinePattern.Solid : column.Version.Contains('@', StringComparison.Ordinal) ? LinePattern.Dotted : LinePattern.Dashed;
    }

    private static int SeedOf(ResultSet results, Column column, Problem problem, int index) => results.Seeds(column, problem.Name)[index];
}
