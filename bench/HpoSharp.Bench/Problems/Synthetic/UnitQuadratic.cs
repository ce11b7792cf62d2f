using HpoSharp.Optimizers;
using HpoSharp.Space;

namespace HpoSharp.Bench.Problems.Synthetic;

/// <summary>
/// A sum of weighted squares of linear combinations of numeric parameters' offsets from a seeded optimum, measured on
/// each parameter's unit scale (<see cref="Dimension.ToUnit"/>: log-uniform on log ranges, cell centres on discrete ones).
/// A term with two parameters makes a valley along which they trade off (an interaction); every term is zero at the
/// optimum, so the minimum is 0. Terms whose parameters are inactive in a configuration are skipped.
/// </summary>
public sealed class UnitQuadratic
{
    private readonly Dictionary<string, (Dimension Dimension, double Optimum)> _optimum = [];
    private readonly Term[] _terms;

    /// <summary>Draws the optimum of every parameter the terms use (its unit position uniform in [0.15, 0.85]).</summary>
    public UnitQuadratic(IEnumerable<HPSpace> space, RandomStream rng, params Term[] terms)
    {
        ArgumentNullException.ThrowIfNull(rng);
        _terms = terms;
        var numeric = space.OfType<NumericHP>().ToDictionary(p => p.Name);
        foreach (var name in terms.SelectMany(t => t.Parts).Select(p => p.Name).Distinct())
        {
            var dimension = numeric[name].Dimension;
            _optimum[name] = (dimension, dimension.ToUnit(dimension.FromUnit(rng.NextDouble(0.15, 0.85))));
        }
    }

    /// <summary>The optimum value of parameter <paramref name="name"/> in the user's units.</summary>
    public double OptimumOf(string name)
    {
        var (dimension, unit) = _optimum[name];
        return dimension.FromUnit(unit);
    }

    /// <summary>The value at a configuration: 0 at the optimum, positive elsewhere.</summary>
    public double Value(HyperParameters hps)
    {
        var total = 0.0;
        foreach (var term in _terms)
        {
            var sum = 0.0;
            var active = true;
            foreach (var (name, coefficient) in term.Parts)
            {
                if (!hps.TryGetValue(name, out var value))
                {
                    active = false;
                    break;
                }

                var (dimension, optimum) = _optimum[name];
                sum += coefficient * (dimension.ToUnit(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)) - optimum);
            }

            total += active ? term.Weight * sum * sum : 0;
        }

        return total;
    }
}

/// <summary>One term of a <see cref="UnitQuadratic"/>: a weight times the square of a linear combination of parameters' offsets.</summary>
/// <param name="Weight">The weight.</param>
/// <param name="Parts">The parameters and their coefficients.</param>
public sealed record Term(double Weight, params (string Name, double Coefficient)[] Parts)
{
    /// <summary>A term of one parameter.</summary>
    public static Term Of(double weight, string name) => new(weight, (name, 1.0));

    /// <summary>A valley: two parameters that trade off with coefficients 1 and <paramref name="coefficient"/>.</summary>
    public static Term Pair(double weight, string a, string b, double coefficient) => new(weight, (a, 1.0), (b, coefficient));
}
