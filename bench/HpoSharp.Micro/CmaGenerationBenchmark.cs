using BenchmarkDotNet.Attributes;
using HpoSharp.Optimizers;
using HpoSharp.Space;

/// <summary>
/// One generation of <c>cmaes</c> (λ samples, their ranking, the update): the full strategy, the one with learning rate
/// adaptation, whose update adds products of n×n matrices and an eigendecomposition every generation, and the separable
/// one, whose diagonal C makes every step O(n). The ranking is random, and the run starts afresh whenever its step size
/// has drifted a factor 100 from where it began, so that the timings never reach subnormal numbers however many
/// generations the benchmark runs.
/// </summary>
public class CmaGenerationBenchmark
{
    private const double StartSigma = 0.2;

    private CmaCoordinates _coordinates = null!;
    private CmaRun _run = null!;
    private RandomStream _rng = null!;

    /// <summary>The number of real dimensions.</summary>
    [Params(10, 50, 500)]
    public int N { get; set; }

    /// <summary>The strategy: Full, Adapted (learning rate adaptation) or Separable.</summary>
    [Params("Full", "Adapted", "Separable")]
    public string Variant { get; set; } = "Full";

    /// <summary>A fresh run, advanced by 20 generations so that C is no longer the identity.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _coordinates = new CmaCoordinates(new SearchSpace(Enumerable.Range(0, N).Select(i => (HPSpace)new RangeHP($"x{i}", -5, 5))));
        _rng = new RandomStream(1);
        _run = NewRun();
        for (var g = 0; g < 20; g++)
        {
            Generation();
        }
    }

    /// <summary>Samples, ranks and tells one generation; the time per suggestion is this over λ.</summary>
    [Benchmark]
    public int Generation()
    {
        var lambda = _run.Parameters.Lambda;
        var samples = Enumerable.Range(0, lambda).Select(_ => _run.Sample(_rng)).ToArray();
        var values = samples.Select(_ => _rng.NextDouble()).ToArray();
        var order = Enumerable.Range(0, lambda).OrderByDescending(k => values[k]).ToArray();
        _run.Tell([.. order.Select(k => samples[k])], [.. order.Select(k => values[k])], new bool[lambda]);
        if (Math.Abs(Math.Log10(_run.Gaussian!.Sigma / StartSigma)) > 2)
        {
            _run = NewRun();
        }

        return lambda;
    }

    private CmaRun NewRun() => new(_coordinates, CmaEsSetup.DefaultLambda(N), [.. Enumerable.Repeat(0.5, N)], StartSigma, null, new GaussianVariant(Variant == "Separable", Variant == "Adapted"));
}
