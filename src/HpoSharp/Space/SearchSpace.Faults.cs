using System.Globalization;

namespace HpoSharp.Space;

/// <summary>The checks of an encoding, and of a configuration given by name, whose messages name the parameter, its value and what was expected.</summary>
public sealed partial class SearchSpace
{
    /// <summary>
    /// The first of <paramref name="conditions"/> that does not hold in <paramref name="encoded"/>, with what its parent is
    /// there, e.g. <c>kernel in {poly} does not hold: kernel is 'rbf'</c>.
    /// </summary>
    private string Unheld(DimensionCondition[] conditions, double[] encoded)
    {
        var condition = conditions.First(c => !c.Holds(encoded));
        var parent = ParentOf(condition);
        var state = double.IsNaN(encoded[condition.Parent]) ? "inactive" : $"'{HPSpace.Text(parent.Choices[(int)encoded[condition.Parent]])}'";
        return $"{Describe(condition)} does not hold: {parent.Name} is {state}";
    }

    /// <summary>How one dimension of an encoding breaks its conditions or its range.</summary>
    private enum DimensionFault
    {
        /// <summary>Active with an allowed value, or inactive and NaN.</summary>
        None,

        /// <summary>Active but NaN.</summary>
        Missing,

        /// <summary>Active with a value that is not one of the dimension's.</summary>
        NotAllowed,

        /// <summary>Inactive but not NaN.</summary>
        Inactive,
    }

    /// <summary>How dimension <paramref name="dimension"/> of <paramref name="encoded"/> breaks its conditions or its range, if it does.</summary>
    private DimensionFault FaultOf(int dimension, ReadOnlySpan<double> encoded) => (IsActive(dimension, encoded), double.IsNaN(encoded[dimension])) switch
    {
        (true, true) => DimensionFault.Missing,
        (true, false) when !_dimensions[dimension].IsValid(encoded[dimension]) => DimensionFault.NotAllowed,
        (false, false) => DimensionFault.Inactive,
        _ => DimensionFault.None,
    };

    /// <summary>
    /// Throws, naming the parameter and its value, unless the dimensions that parameter <paramref name="parameter"/> encoded
    /// <paramref name="value"/> into are each active with an allowed value or inactive and NaN, as its conditions say.
    /// </summary>
    private void CheckEncoded(int parameter, object value, double[] encoded)
    {
        var (offset, length) = DimensionRange(parameter);
        for (var d = offset; d < offset + length; d++)
        {
            var fault = FaultOf(d, encoded) switch
            {
                DimensionFault.Missing => $"leaves dimension '{_dimensions[d].Name}' without a value, but it is active here{(_dimensionConditions[d].Length == 0 ? string.Empty : $" ({DescribeConditions(_dimensionConditions[d])} holds)")}",
                DimensionFault.Inactive => $"gives dimension '{_dimensions[d].Name}' the value {Number(encoded[d])}, but it is inactive here ({Unheld(_dimensionConditions[d], encoded)})",
                DimensionFault.NotAllowed => $"gives dimension '{_dimensions[d].Name}' the value {Number(encoded[d])}, which is not an allowed value of {_dimensions[d]}",
                _ => null,
            };
            if (fault is not null)
            {
                throw new ArgumentException($"Parameter '{_parameters[parameter].Name}': value '{HPSpace.Text(value)}' ({TypeNames.Of(value.GetType())}) {fault}.", "values");
            }
        }

        static string Number(double x) => x.ToString(CultureInfo.InvariantCulture);
    }
}
