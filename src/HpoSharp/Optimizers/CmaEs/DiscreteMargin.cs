using HpoSharp.Numerics;

namespace HpoSharp.Optimizers;

/// <summary>
/// The margin of the discrete (integer and stepped) Gaussian coordinates, so that the search cannot freeze on a level:
/// CMA-ES with Margin (Hamano, Saito, Nomura and Shirakawa, 2022) in the refined form of CatCMA with Margin (Hamano et
/// al., 2025). Before the update, <see cref="Center"/> moves the parents that left the mean's level onto their level and
/// pulls the others back so that the mean is not biased. After it, <see cref="Correct(GaussianSearch, double)"/> keeps the marginal probability of
/// sampling another level at least α (or the probability seen last time, while no parent has left the level) by moving
/// the mean and the scaling A of each discrete coordinate, with σ and C fixed; at an end level A is also kept large enough
/// that a mean on the level's own position would still step back inside with probability α. Integer centering, that
/// memory and that least A are the 2025 refinements: CMA-ES with Margin as first published (2022) has none of them.
/// </summary>
internal sealed class DiscreteMargin
{
    private const double Eps = 1e-8;

    private readonly CmaCoordinates _coordinates;
    private readonly double[] _leaveProbability;
    private readonly bool[] _left;

    /// <summary>Creates the margin state for the discrete coordinates of <paramref name="coordinates"/>.</summary>
    public DiscreteMargin(CmaCoordinates coordinates)
    {
        _coordinates = coordinates;
        _leaveProbability = [.. Enumerable.Repeat(0.5 - Eps, coordinates.GaussianCount)];
        _left = new bool[coordinates.GaussianCount];
    }

    private DiscreteMargin(DiscreteMargin other)
    {
        _coordinates = other._coordinates;
        _leaveProbability = (double[])other._leaveProbability.Clone();
        _left = (bool[])other._left.Clone();
    }

    /// <summary>A deep copy.</summary>
    public DiscreteMargin Clone() => new(this);

    /// <summary>The probability of leaving its level that discrete coordinate <paramref name="g"/> had after the last correction.</summary>
    public double LeaveProbability(int g) => _leaveProbability[g];

    /// <summary>
    /// Integer centering of the best <paramref name="mu"/> samples <paramref name="v"/> (best first, changed in place):
    /// a parent on another level than the mean is moved onto that level; the bias this adds is cancelled by moving parents
    /// still on the mean's level towards their level's position. Records, per coordinate, whether any parent left.
    /// </summary>
    public void Center(IReadOnlyList<double[]> v, int mu, ReadOnlySpan<double> mean)
    {
        for (var g = 0; g < _coordinates.GaussianCount; g++)
        {
            if (!_coordinates.IsDiscrete(g))
            {
                continue;
            }

            var home = _coordinates.Discretize(g, mean[g]);
            double bias = 0, up = 0, down = 0;
            _left[g] = false;
            for (var k = 0; k < mu; k++)
            {
                var position = _coordinates.Discretize(g, v[k][g]);
                var move = position - v[k][g];
                if (position != home)
                {
                    _left[g] = true;
                    bias += move;
                    v[k][g] = position;
                }
                else if (move > 0)
                {
                    up += move;
                }
                else
                {
                    down += move;
                }
            }

            var available = bias > 0 ? down : up;
            if (bias == 0 || available == 0)
            {
                continue;
            }

            var fraction = Math.Min(1, -bias / available);
            for (var k = 0; k < mu; k++)
            {
                var move = _coordinates.Discretize(g, v[k][g]) - v[k][g];
                if (_coordinates.Discretize(g, v[k][g]) == home && bias * move < 0)
                {
                    v[k][g] += fraction * move;
                }
            }
        }
    }

    /// <summary>The margin correction of every discrete coordinate of <paramref name="search"/>, after its update.</summary>
    public void Correct(GaussianSearch search, double alpha)
    {
        for (var g = 0; g < _coordinates.GaussianCount; g++)
        {
            if (_coordinates.IsDiscrete(g))
            {
                CorrectCoordinate(search, alpha, g);
            }
        }
    }

    private void CorrectCoordinate(GaussianSearch search, double alpha, int g)
    {
        var m = search.Mean[g];
        var level = _coordinates.Level(g, m);
        var top = _coordinates.LevelCount(g) - 2; // the last threshold's index
        var lower = _coordinates.Threshold(g, Math.Clamp(level - 1, 0, top));
        var upper = _coordinates.Threshold(g, Math.Clamp(level, 0, top));
        var spread = search.Sigma * Math.Sqrt(search.Variance(g));
        var scale = spread * search.Scaling[g];
        var below = StandardNormal.Cdf((lower - m) / scale);
        var above = 1 - StandardNormal.Cdf((upper - m) / scale);
        var middle = 1 - below - above;

        if (lower == upper || Math.Max(below, above) > 0.5)
        {
            // At an end level (or beyond): keep a probability of stepping back inside of at least α.
            var leave = Math.Max(Math.Min(below, above), alpha);
            if (!_left[g])
            {
                leave = Math.Min(leave, _leaveProbability[g]);
            }

            leave = Math.Clamp(leave, Eps, 0.5 - Eps);
            var home = _coordinates.Discretize(g, m);
            var least = Math.Abs(home - upper) / (spread * -StandardNormal.Quantile(alpha));
            search.Scaling[g] = Math.Max(search.Scaling[g], least);
            search.Mean[g] = upper + (Math.Sign(m - upper) * search.Scaling[g] * spread * -StandardNormal.Quantile(leave));
            _leaveProbability[g] = leave;
            return;
        }

        // Inside: raise each tail to at least α/2 (and the middle, while no parent left, to what it was), then solve for
        // the mean and scale that give those tails. When none needs raising, the distribution already has them: solving
        // again could only lose them to the clamping below, which would shrink a spread over millions of levels.
        if (below >= alpha / 2 && above >= alpha / 2 && (_left[g] || middle >= 1 - _leaveProbability[g]))
        {
            _leaveProbability[g] = below + above;
            return;
        }

        below = Math.Max(below, alpha / 2);
        above = Math.Max(above, alpha / 2);
        double excess;
        if (_left[g])
        {
            excess = (1 - below - above - middle) / (below + above + middle - (1.5 * alpha));
        }
        else
        {
            middle = Math.Max(middle, 1 - _leaveProbability[g]);
            excess = (1 - below - above - middle) / (below + above + middle - alpha - (1 - _leaveProbability[g]));
        }

        below = Math.Clamp(below + (excess * (below - (alpha / 2))), Eps, 0.5 - Eps);
        above = Math.Clamp(above + (excess * (above - (alpha / 2))), Eps, 0.5 - Eps);
        var zBelow = -StandardNormal.Quantile(below);
        var zAbove = -StandardNormal.Quantile(above);
        search.Scaling[g] = (upper - lower) / ((zBelow + zAbove) * spread);
        search.Mean[g] = ((lower * zAbove) + (upper * zBelow)) / (zBelow + zAbove);
        _leaveProbability[g] = below + above;
    }
}
