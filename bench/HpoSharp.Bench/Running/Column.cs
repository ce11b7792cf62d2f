namespace HpoSharp.Bench.Running;

/// <summary>One column of the report: an algorithm of one library at one version.</summary>
/// <param name="Library">HpoSharp or Optuna.</param>
/// <param name="Algorithm">The registered name (HpoSharp) or the sampler's short name (Optuna).</param>
/// <param name="Version">The library's version (Optuna's with its commit when run from source).</param>
public sealed record Column(string Library, string Algorithm, string Version)
{
    /// <summary>Whether the column is one of HpoSharp's algorithms.</summary>
    public bool IsHpoSharp => Library == "HpoSharp";

    /// <summary>A short label: the algorithm alone for HpoSharp, "optuna VERSION sampler" otherwise.</summary>
    public string Label => IsHpoSharp ? Algorithm : $"optuna {Version} {Algorithm}";

    /// <summary>A two-line markdown header.</summary>
    public string Header => IsHpoSharp ? $"**{Algorithm}**<br>HpoSharp" : $"{Algorithm}<br>Optuna {Version}";

    /// <inheritdoc/>
    public override string ToString() => Label;
}
