using System.Text.Json.Nodes;
using HpoSharp.Bench.Problems;
using HpoSharp.Space;

namespace HpoSharp.Bench.Serve;

/// <summary>
/// The evaluation service of the Optuna side, so that both sides evaluate exactly the same C# problems: one JSON
/// request per input line, one JSON reply per output line.
/// <list type="bullet">
/// <item><c>{"op":"problems"}</c> → every problem's name, family, half and number of objectives.</item>
/// <item><c>{"op":"describe","problem":P,"seed":S}</c> → its parameters (see <see cref="SpaceJson"/>) and objectives.</item>
/// <item><c>{"op":"evaluate","problem":P,"seed":S,"trial":N,"params":{...}}</c> → <c>{"values":[...],"true":[...]}</c>: the
/// observed values (with the seeded noise of trial N) and the noise-free ones.</item>
/// </list>
/// A request that fails gets <c>{"error":"..."}</c>.
/// </summary>
public static class ServeLoop
{
    /// <summary>Answers requests from <paramref name="input"/> until it ends.</summary>
    public static void Run(TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var instances = new Dictionary<(string, ulong), ProblemInstance>();
        while (input.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonNode reply;
            try
            {
                reply = Answer(JsonNode.Parse(line) as JsonObject ?? throw new ArgumentException($"A request is a JSON object, not '{line}'."), instances);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Text.Json.JsonException or KeyNotFoundException or FormatException)
            {
                reply = new JsonObject { ["error"] = e.Message };
            }

            output.WriteLine(reply.ToJsonString());
            output.Flush();
        }
    }

    private static JsonNode Answer(JsonObject request, Dictionary<(string, ulong), ProblemInstance> instances)
    {
        var op = request["op"]?.GetValue<string>() ?? throw new ArgumentException("A request needs an 'op'.");
        if (op == "problems")
        {
            return new JsonArray([.. ProblemCatalog.All.Select(p => new JsonObject
            {
                ["name"] = p.Name,
                ["family"] = p.Family,
                ["half"] = p.Half.ToString(),
                ["objectives"] = p.Objectives,
                ["conditional"] = new SearchSpace(p.Create(0).Space).HasConditions,
            })]);
        }

        var problem = ProblemCatalog.Get(request["problem"]?.GetValue<string>() ?? throw new ArgumentException("A request needs a 'problem'."));
        var seed = (ulong)(request["seed"]?.GetValue<long>() ?? throw new ArgumentException("A request needs a 'seed'."));
        if (!instances.TryGetValue((problem.Name, seed), out var instance))
        {
            instance = instances[(problem.Name, seed)] = problem.Create(seed);
        }

        switch (op)
        {
            case "describe":
                return new JsonObject { ["params"] = SpaceJson.Describe(instance.Space), ["objectives"] = problem.Objectives };
            case "evaluate":
                var space = new SearchSpace(instance.Space);
                var parameters = request["params"] as JsonObject ?? throw new ArgumentException("An evaluation needs 'params', an object of parameter values by name.");
                var encoded = space.Encode(SpaceJson.Read(instance.Space, parameters));
                var trial = request["trial"]?.GetValue<int>() ?? throw new ArgumentException("An evaluation needs a 'trial'.");
                var (observed, truth) = instance.Observe(space.Decode(encoded), seed, trial);
                return new JsonObject { ["values"] = new JsonArray([.. observed.Select(v => JsonValue.Create(v))]), ["true"] = new JsonArray([.. truth.Select(v => JsonValue.Create(v))]) };
            default:
                throw new ArgumentException($"Unknown op '{op}'; expected problems, describe or evaluate.");
        }
    }
}
