using System.Text.Json.Nodes;
using HpoSharp.Bench.Problems;
using HpoSharp.Bench.Serve;
using HpoSharp.Space;

namespace HpoSharp.Tests.Bench;

public sealed class ServeLoopTests
{
    [Fact]
    public void AnswersOneJsonLinePerRequest()
    {
        var replies = Serve(
            """{"op":"problems"}""",
            """{"op":"describe","problem":"conditional-kernel-6d","seed":2}""",
            """{"op":"evaluate","problem":"conditional-kernel-6d","seed":2,"trial":0,"params":{"kernel":"poly","C":1.5,"gamma":0.1,"degree":3,"coef0":0.25,"shrinking":"false"}}""",
            """{"op":"evaluate","problem":"nope","seed":0,"trial":0,"params":{}}""",
            """{"op":"evaluate","problem":"conditional-kernel-6d","seed":2,"trial":0,"params":{"kernel":"linear","C":1.5,"gamma":0.1,"shrinking":"false"}}""");

        Assert.Equal(5, replies.Count);
        Assert.Equal(ProblemCatalog.All.Count, replies[0].AsArray().Count);
        var parameters = replies[1]["params"]!.AsArray();
        Assert.Equal("kernel", parameters[0]!["name"]!.GetValue<string>());
        Assert.Equal("poly", parameters.Single(p => p!["name"]!.GetValue<string>() == "degree")!["condition"]!["values"]![0]!.GetValue<string>());
        Assert.True(parameters.Single(p => p!["name"]!.GetValue<string>() == "C")!["log"]!.GetValue<bool>());

        var instance = ProblemCatalog.Get("conditional-kernel-6d").Create(2);
        var expected = instance.Evaluate(new SearchSpace(instance.Space).Decode(new SearchSpace(instance.Space).Encode(new Dictionary<string, object?>
        {
            ["kernel"] = "poly", ["C"] = 1.5, ["gamma"] = 0.1, ["degree"] = 3, ["coef0"] = 0.25, ["shrinking"] = "false",
        })))[0];
        Assert.Equal(expected, replies[2]["values"]![0]!.GetValue<double>());
        Assert.Equal(expected, replies[2]["true"]![0]!.GetValue<double>());
        Assert.Contains("Unknown problem 'nope'", replies[3]["error"]!.GetValue<string>());
        Assert.Contains("gamma", replies[4]["error"]!.GetValue<string>());
    }

    [Fact]
    public void AMalformedRequestGetsAnErrorAndTheNextOneIsStillAnswered()
    {
        var replies = Serve(
            """{"op":"evaluate","problem":"log-lr-decay-2d","seed":0,"trial":0}""",
            """{"op":"evaluate","problem":"log-lr-decay-2d","seed":0,"trial":0,"params":{"lr":null,"decay":0.5}}""",
            "null",
            """{"op":"describe","problem":"log-lr-decay-2d","seed":0}""");

        Assert.Equal(4, replies.Count);
        Assert.Contains("'params'", replies[0]["error"]!.GetValue<string>());
        Assert.Contains("'lr' has no value", replies[1]["error"]!.GetValue<string>());
        Assert.Contains("JSON object", replies[2]["error"]!.GetValue<string>());
        Assert.NotNull(replies[3]["params"]);
    }

    private static List<JsonNode> Serve(params string[] requests)
    {
        using var output = new StringWriter();
        ServeLoop.Run(new StringReader(string.Join("\n", requests)), output);
        return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];
    }
}
