using System.Text.Json.Nodes;
using HpoSharp.Space;

namespace HpoSharp.Bench.Serve;

/// <summary>
/// The search space of a problem as JSON for the Optuna side: one entry per parameter in parent-before-child order,
/// with its kind (float, int, categorical), bounds, log flag, step, choices, the condition that activates it, and the
/// values HpoSharp's grid gives it (so that Optuna's GridSampler searches the same grid).
/// </summary>
public static class SpaceJson
{
    /// <summary>Describes <paramref name="space"/>.</summary>
    public static JsonArray Describe(IReadOnlyList<HPSpace> space)
    {
        var ordered = new SearchSpace(space);
        var array = new JsonArray();
        foreach (var parameter in ordered)
        {
            var entry = new JsonObject { ["name"] = parameter.Name };
            switch (parameter)
            {
                case ChoiceHP choice:
                    entry["type"] = "categorical";
                    entry["choices"] = new JsonArray([.. choice.Choices.Select(Value)]);
                    break;
                case NumericHP numeric:
                    var d = numeric.Dimension;
                    entry["type"] = d.Kind == DimensionKind.Integer ? "int" : "float";
                    entry["low"] = d.Low;
                    entry["high"] = d.High;
                    entry["log"] = d.Log;
                    entry["step"] = d.Step > 0 && !(d.Kind == DimensionKind.Integer && d.Step == 1) ? d.Step : null;
                    entry["grid"] = new JsonArray([.. Optimizers.GridPoints.ValuesOf(d, 5).Select(v => JsonValue.Create(v))]);
                    break;
                default:
                    throw new NotSupportedException($"Parameter '{parameter.Name}' is a {parameter.GetType().Name}; the Optuna side handles choices and numeric ranges.");
            }

            if (parameter.ActiveWhen is { } condition)
            {
                entry["condition"] = new JsonObject { ["parent"] = condition.Parent, ["values"] = new JsonArray([.. condition.Values.Select(Value)]) };
            }

            array.Add(entry);
        }

        return array;
    }

    /// <summary>Reads a configuration sent back by the Optuna side: numbers for ranges, the choice's JSON value for choices.</summary>
    public static Dictionary<string, object?> Read(IReadOnlyList<HPSpace> space, JsonObject parameters)
    {
        var values = new Dictionary<string, object?>();
        foreach (var (name, node) in parameters)
        {
            var parameter = space.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"'{name}' is not a parameter of this problem.", nameof(parameters));
            if (node is null)
            {
                throw new ArgumentException($"'{name}' has no value (null); send a number or one of its choices.", nameof(parameters));
            }

            values[name] = parameter switch
            {
                ChoiceHP choice => choice.Choices.FirstOrDefault(c => Value(c)!.ToJsonString() == node.ToJsonString())
                    ?? throw new ArgumentException($"'{node}' is not a choice of '{name}'.", nameof(parameters)),
                IntRangeHP => (int)node.GetValue<double>(),
                _ => node.GetValue<double>(),
            };
        }

        return values;
    }

    private static JsonNode? Value(object choice) => choice switch
    {
        int i => JsonValue.Create(i),
        double x => JsonValue.Create(x),
        bool b => JsonValue.Create(b),
        _ => JsonValue.Create(choice.ToString()),
    };
}
