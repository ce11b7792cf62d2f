namespace HpoSharp.Optimizers;

/// <summary>
/// The categorical part of CatCMA (Hamano, Saito, Nomura and Shirakawa, 2024): one categorical distribution q per
/// coordinate, sampled independently and updated by the natural gradient of the weighted best half, with the step length
/// set by the adaptive stochastic natural gradient (ASNG, Akimoto, Shirakawa, Yoshinari, Uchida, Saito and Nishida, 2019),
/// and a margin that keeps every probability at least (1 - 0.73^(1/M)) / (K - 1) for M discrete and categorical
/// coordinates, so that no choice is ever lost.
/// </summary>
internal sealed class CategoricalSearch
{
    private const double SnrThreshold = 1.5;

    private readonly int[] _counts;
    private readonly double[][] _q;
    private readonly double[] _floor;
    private readonly double[] _smoothed;
    private readonly int _parameters;
    private double _delta = 1;
    private double _trust = 1;
    private double _gamma;

    /// <summary>Starts with uniform distributions over <paramref name="counts"/> choices; <paramref name="margin"/> is α.</summary>
    public CategoricalSearch(IReadOnlyList<int> counts, double margin)
    {
        _counts = [.. counts];
        _q = [.. _counts.Select(k => Enumerable.Repeat(1.0 / k, k).ToArray())];
        _floor = [.. _counts.Select(k => margin / (k - 1))];
        _parameters = _counts.Sum(k => k - 1);
        _smoothed = new double[_parameters];
    }

    private CategoricalSearch(CategoricalSearch other)
    {
        _counts = other._counts;
        _q = [.. other._q.Select(q => (double[])q.Clone())];
        _floor = other._floor;
        _smoothed = (double[])other._smoothed.Clone();
        _parameters = other._parameters;
        _delta = other._delta;
        _trust = other._trust;
        _gamma = other._gamma;
    }

    /// <summary>The probabilities of the choices of coordinate <paramref name="c"/>.</summary>
    public ReadOnlySpan<double> Probabilities(int c) => _q[c];

    /// <summary>The ASNG step δ = 1/Δ that the next update moves the distributions by, in the Fisher metric.</summary>
    public double Step => _delta;

    /// <summary>The ASNG trust-region length Δ.</summary>
    public double Trust => _trust;

    /// <summary>The normaliser γ of the accumulated step's squared length.</summary>
    public double Gamma => _gamma;

    /// <summary>The accumulated normalised step s, whose squared length over γ is the signal-to-noise measure of ASNG.</summary>
    public ReadOnlySpan<double> SmoothedStep => _smoothed;

    /// <summary>A deep copy.</summary>
    public CategoricalSearch Clone() => new(this);

    /// <summary>Draws one choice per coordinate into <paramref name="choices"/>.</summary>
    public void Sample(RandomStream rng, Span<double> choices)
    {
        for (var c = 0; c < _q.Length; c++)
        {
            choices[c] = rng.NextIndex(_q[c]);
        }
    }

    /// <summary>
    /// Moves the distributions towards the choices of the best <paramref name="weights"/>.Length samples
    /// (<paramref name="choices"/>, best first), whose weights are positive and sum to 1.
    /// </summary>
    public void Update(IReadOnlyList<double[]> choices, ReadOnlySpan<double> weights)
    {
        var gradient = _q.Select(q => new double[q.Length]).ToArray();
        for (var k = 0; k < weights.Length; k++)
        {
            for (var c = 0; c < _q.Length; c++)
            {
                var chosen = (int)choices[k][c];
                for (var j = 0; j < _q[c].Length; j++)
                {
                    gradient[c][j] += weights[k] * ((j == chosen ? 1 : 0) - _q[c][j]);
                }
            }
        }

        // The gradient in the metric of the Fisher information, approximated as in Appendix B of the ASNG paper.
        var fisher = new double[_parameters];
        var at = 0;
        for (var c = 0; c < _q.Length; c++)
        {
            var k = _counts[c];
            var last = _q[c][k - 1];
            var sum = 0.0;
            for (var j = 0; j < k - 1; j++)
            {
                sum += gradient[c][j];
            }

            for (var j = 0; j < k - 1; j++)
            {
                fisher[at++] = (gradient[c][j] / Math.Sqrt(_q[c][j])) + (Math.Sqrt(_q[c][j]) * sum / (last + Math.Sqrt(last)));
            }
        }

        var norm = Math.Sqrt(fisher.Sum(f => f * f));
        if (norm == 0)
        {
            return;
        }

        var step = _delta / norm;
        for (var c = 0; c < _q.Length; c++)
        {
            for (var j = 0; j < _q[c].Length; j++)
            {
                _q[c][j] += step * gradient[c][j];
            }
        }

        // ASNG: lengthen the trust region while successive steps agree, shorten it while they cancel out.
        _delta = 1 / _trust;
        var beta = _delta / Math.Sqrt(_parameters);
        var smoothedNorm2 = 0.0;
        for (var i = 0; i < _parameters; i++)
        {
            _smoothed[i] = ((1 - beta) * _smoothed[i]) + (Math.Sqrt(beta * (2 - beta)) * fisher[i] / norm);
            smoothedNorm2 += _smoothed[i] * _smoothed[i];
        }

        _gamma = ((1 - beta) * (1 - beta) * _gamma) + (beta * (2 - beta));
        _trust *= Math.Exp(beta * (_gamma - (smoothedNorm2 / SnrThreshold)));

        for (var c = 0; c < _q.Length; c++)
        {
            ApplyMargin(_q[c], _floor[c]);
        }
    }

    /// <summary>Lifts every probability to <paramref name="floor"/> and takes the excess back from those above it, in proportion.</summary>
    private static void ApplyMargin(double[] q, double floor)
    {
        var sum = 0.0;
        for (var j = 0; j < q.Length; j++)
        {
            q[j] = Math.Max(q[j], floor);
            sum += q[j];
        }

        var room = sum - (floor * q.Length);
        var total = 0.0;
        for (var j = 0; j < q.Length; j++)
        {
            q[j] -= (sum - 1) * (q[j] - floor) / room;
            total += q[j];
        }

        for (var j = 0; j < q.Length; j++)
        {
            q[j] /= total;
        }
    }
}
