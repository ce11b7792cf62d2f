using System.Globalization;
using System.Runtime.CompilerServices;

namespace HpoSharp.Space;

/// <summary>
/// A validated list of <see cref="HPSpace"/> parameters and the internal dimensions they encode into.
/// Parameters are kept in an order where every condition's parent comes before its children (otherwise the order given),
/// so algorithms can assign dimensions front to back and know, at each one, whether it is active.
/// </summary>
[CollectionBuilder(typeof(SearchSpace), nameof(Create))]
public sealed partial class SearchSpace : IReadOnlyList<HPSpace>
{
    private readonly HPSpace[] _parameters;
    private readonly HPSpace[] _declared;
    private readonly Dictionary<string, int> _places;
    private readonly int[] _offsets;
    private readonly Dimension[] _dimensions;
    private readonly DimensionCondition[][] _dimensionConditions;
    private readonly DimensionCondition[][] _parameterConditions;

    /// <summary>Builds and validates a search space.</summary>
    /// <param name="parameters">The parameters; names must be unique and every condition must name a <see cref="ChoiceHP"/> of this list, without cycles.</param>
    public SearchSpace(IEnumerable<HPSpace> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _declared = [.. parameters];
        CheckNames(_declared);
        _parameters = TopologicalOrder(_declared);
        _places = new Dictionary<string, int>(_parameters.Select((p, i) => KeyValuePair.Create(p.Name, i)), StringComparer.Ordinal);
        _offsets = new int[_parameters.Length + 1];
        for (var p = 0; p < _parameters.Length; p++)
        {
            _offsets[p + 1] = _offsets[p] + _parameters[p].Dimensions.Count;
        }

        _dimensions = [.. _parameters.SelectMany(p => p.Dimensions)];
        _parameterConditions = [.. _parameters.Select(p => p.ActiveWhen is null ? Array.Empty<DimensionCondition>() : [Resolve($"Parameter '{p.Name}'", p.ActiveWhen)])];
        _dimensionConditions = new DimensionCondition[_dimensions.Length][];
        for (var p = 0; p < _parameters.Length; p++)
        {
            var own = _parameters[p].DimensionConditions;
            for (var d = _offsets[p]; d < _offsets[p + 1]; d++)
            {
                var local = d - _offsets[p];
                var extra = local < own.Count && own[local] is { } c ? Resolve($"Dimension '{_dimensions[d].Name}' of parameter '{_parameters[p].Name}'", c) : null;
                _dimensionConditions[d] = extra is null ? _parameterConditions[p] : [.. _parameterConditions[p], extra];
            }
        }
    }

    /// <summary>The internal dimensions, parameter by parameter in <see cref="SearchSpace"/> order.</summary>
    public IReadOnlyList<Dimension> Dimensions => _dimensions;

    /// <summary>The parameters in the order they were given.</summary>
    public IReadOnlyList<HPSpace> Declared => _declared;

    /// <summary>Whether any parameter or dimension is conditional.</summary>
    public bool HasConditions => _dimensionConditions.Any(c => c.Length > 0) || _parameterConditions.Any(c => c.Length > 0);

    /// <summary>The number of parameters.</summary>
    public int Count => _parameters.Length;

    /// <summary>The parameter at <paramref name="index"/>, in parent-before-child order.</summary>
    public HPSpace this[int index] => _parameters[index];

    /// <summary>Builds a search space from a collection expression, e.g. <c>SearchSpace s = [new RangeHP("x", 0, 1)];</c>.</summary>
    public static SearchSpace Create(ReadOnlySpan<HPSpace> parameters) => new(parameters.ToArray());

    /// <summary>The index of the first dimension of parameter <paramref name="parameter"/> and the number of its dimensions.</summary>
    public (int Offset, int Length) DimensionRange(int parameter) => (_offsets[parameter], _offsets[parameter + 1] - _offsets[parameter]);

    /// <summary>The conditions that must all hold for dimension <paramref name="dimension"/> to be active; empty when it always is.</summary>
    public IReadOnlyList<DimensionCondition> ConditionsOf(int dimension) => _dimensionConditions[dimension];

    /// <summary>Whether dimension <paramref name="dimension"/> is active, given the values of the dimensions before it.</summary>
    public bool IsActive(int dimension, ReadOnlySpan<double> encoded)
    {
        foreach (var condition in _dimensionConditions[dimension])
        {
            if (!condition.Holds(encoded))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Sets every inactive dimension of <paramref name="encoded"/> to NaN, front to back.</summary>
    public void ApplyConditions(Span<double> encoded)
    {
        for (var d = 0; d < _dimensions.Length; d++)
        {
            if (!IsActive(d, encoded))
            {
                encoded[d] = double.NaN;
            }
        }
    }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> unless <paramref name="encoded"/> is a valid encoding: the right length,
    /// every active dimension holding an allowed value and every inactive one NaN.
    /// </summary>
    public void Validate(ReadOnlySpan<double> encoded)
    {
        if (encoded.Length != _dimensions.Length)
        {
            throw new ArgumentException($"An encoded configuration has {encoded.Length} values; this search space has {_dimensions.Length} dimensions.", nameof(encoded));
        }

        for (var d = 0; d < _dimensions.Length; d++)
        {
            var fault = FaultOf(d, encoded) switch
            {
                DimensionFault.Missing => "is active here but has no value",
                DimensionFault.NotAllowed => FormattableString.Invariant($"has value {encoded[d]}, which is not an allowed value of {_dimensions[d]}"),
                DimensionFault.Inactive => FormattableString.Invariant($"is inactive here ({DescribeConditions(_dimensionConditions[d])} does not hold) but has value {encoded[d]}"),
                _ => null,
            };
            if (fault is not null)
            {
                throw new ArgumentException($"Dimension '{_dimensions[d].Name}' {fault}.", nameof(encoded));
            }
        }
    }

    /// <summary>Decodes an encoding into the typed values the objective receives; inactive parameters are absent.</summary>
    public HyperParameters Decode(ReadOnlySpan<double> encoded)
    {
        var values = new Dictionary<string, object>(_parameters.Length);
        for (var p = 0; p < _parameters.Length; p++)
        {
            if (!ParameterActive(p, encoded))
            {
                continue;
            }

            var (offset, length) = DimensionRange(p);
            if (_parameters[p].Decode(encoded.Slice(offset, length)) is { } value)
            {
                values[_parameters[p].Name] = value;
            }
        }

        return new HyperParameters(_declared.Where(p => values.ContainsKey(p.Name)).Select(p => KeyValuePair.Create(p.Name, values[p.Name])));
    }

    /// <summary>
    /// Encodes typed values (as the objective would receive them) into the internal representation.
    /// Fixed parameters may be omitted; inactive ones must be. Throws an <see cref="ArgumentException"/> naming the parameter at fault.
    /// </summary>
    public double[] Encode(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var key in values.Keys)
        {
            if (!_places.ContainsKey(key))
            {
                throw new ArgumentException($"'{key}' is not a parameter of this search space; its parameters are {string.Join(", ", _declared.Select(p => p.Name))}.", nameof(values));
            }
        }

        var encoded = new double[_dimensions.Length];
        Array.Fill(encoded, double.NaN);
        for (var p = 0; p < _parameters.Length; p++)
        {
            var parameter = _parameters[p];
            var (offset, length) = DimensionRange(p);
            var given = values.TryGetValue(parameter.Name, out var value) && value is not null;
            var active = ParameterActive(p, encoded);
            if (given && !active)
            {
                throw new ArgumentException($"Parameter '{parameter.Name}' is given ('{HPSpace.Text(value)}'), but it is inactive here ({Unheld(_parameterConditions[p], encoded)}); leave it out or give it as null.", nameof(values));
            }

            if (active && given)
            {
                parameter.Encode(value!, encoded.AsSpan(offset, length));
                CheckEncoded(p, value!, encoded);
            }
            else if (active && Enumerable.Range(offset, length).Any(d => IsActive(d, encoded)))
            {
                throw new ArgumentException($"Parameter '{parameter.Name}' is active here but has no value.", nameof(values));
            }
        }

        Validate(encoded);
        return encoded;
    }

    /// <inheritdoc/>
    public IEnumerator<HPSpace> GetEnumerator() => ((IEnumerable<HPSpace>)_parameters).GetEnumerator();

    /// <inheritdoc/>
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => string.Join(Environment.NewLine, _dimensions.Select((d, i) => _dimensionConditions[i].Length == 0 ? d.ToString() : $"{d} when {DescribeConditions(_dimensionConditions[i])}"));

    private bool ParameterActive(int parameter, ReadOnlySpan<double> encoded)
    {
        foreach (var condition in _parameterConditions[parameter])
        {
            if (!condition.Holds(encoded))
            {
                return false;
            }
        }

        return true;
    }

    private string DescribeConditions(IEnumerable<DimensionCondition> conditions) => string.Join(" and ", conditions.Select(Describe));

    /// <summary>A resolved condition as text, e.g. <c>kernel in {poly, rbf}</c>.</summary>
    private string Describe(DimensionCondition condition) =>
        $"{_dimensions[condition.Parent].Name} in {{{string.Join(", ", ParentOf(condition).Choices.Where((_, i) => condition.Allowed[i]).Select(HPSpace.Text))}}}";

    /// <summary>The choice parameter whose dimension <paramref name="condition"/> tests.</summary>
    private ChoiceHP ParentOf(DimensionCondition condition) =>
        (ChoiceHP)_parameters.First(p => p.Dimensions.Count == 1 && ReferenceEquals(p.Dimensions[0], _dimensions[condition.Parent]));

    /// <summary>The condition as indices of its parent's choices; <paramref name="subject"/> names what it conditions in messages.</summary>
    private DimensionCondition Resolve(string subject, HPCondition condition)
    {
        if (!_places.TryGetValue(condition.Parent, out var parentIndex))
        {
            throw new ArgumentException($"{subject} has a condition on '{condition.Parent}', which is not a parameter of this search space.", nameof(condition));
        }

        if (_parameters[parentIndex] is not ChoiceHP parent)
        {
            throw new ArgumentException($"{subject} has a condition on '{condition.Parent}', which is a {_parameters[parentIndex].GetType().Name}; a condition's parent must be a ChoiceHP.", nameof(condition));
        }

        foreach (var value in condition.Values)
        {
            if (parent.IndexOf(value) < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{subject} has a condition on '{parent.Name}' = '{HPSpace.Text(value)}', which is not one of its choices {parent.Describe()}{parent.TypeMismatch(value)}."), nameof(condition));
            }
        }

        var allowed = parent.Choices.Select(choice => Holds(subject, condition, choice)).ToArray();
        if (!allowed.Any(a => a))
        {
            throw new ArgumentException($"{subject} has a condition on '{parent.Name}' that none of its choices satisfies, so it could never be active.", nameof(condition));
        }

        return new DimensionCondition(_offsets[parentIndex], allowed);
    }

    /// <summary>Whether <paramref name="condition"/> holds for <paramref name="choice"/>; a predicate's own failure is reported naming the subject and the choice.</summary>
    private static bool Holds(string subject, HPCondition condition, object choice)
    {
        try
        {
            return condition.HoldsFor(choice);
        }
        catch (Exception e)
        {
            throw new ArgumentException($"{subject} has a condition on '{condition.Parent}' whose predicate threw {e.GetType().Name} for the choice '{HPSpace.Text(choice)}': {e.Message}", nameof(condition), e);
        }
    }

    private static void CheckNames(HPSpace[] parameters)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            if (parameter is null)
            {
                throw new ArgumentException("A search space contains a null parameter.", nameof(parameters));
            }

            if (!seen.Add(parameter.Name))
            {
                throw new ArgumentException($"Parameter name '{parameter.Name}' is used twice in the search space.", nameof(parameters));
            }
        }
    }

    private static HPSpace[] TopologicalOrder(HPSpace[] declared)
    {
        var byName = declared.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var order = new List<HPSpace>(declared.Length);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        foreach (var parameter in declared)
        {
            Visit(parameter, []);
        }

        return [.. order];

        void Visit(HPSpace parameter, List<string> path)
        {
            if (state.TryGetValue(parameter.Name, out var done))
            {
                if (!done)
                {
                    throw new ArgumentException($"The conditions form a cycle: {string.Join(" -> ", path.SkipWhile(n => n != parameter.Name).Append(parameter.Name))}.", nameof(declared));
                }

                return;
            }

            state[parameter.Name] = false;
            path.Add(parameter.Name);
            foreach (var parent in ParentsOf(parameter))
            {
                if (byName.TryGetValue(parent, out var p))
                {
                    Visit(p, path);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[parameter.Name] = true;
            order.Add(parameter);
        }
    }

    private static IEnumerable<string> ParentsOf(HPSpace parameter) =>
        parameter.DimensionConditions.Append(parameter.ActiveWhen).OfType<HPCondition>().Select(c => c.Parent).Distinct();
}
