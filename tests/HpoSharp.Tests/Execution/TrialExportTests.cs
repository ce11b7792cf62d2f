using System.Globalization;
using System.Text;
using System.Text.Json;
using HpoSharp.Execution;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Tests.Execution;

public sealed class TrialExportTests
{
    [Fact]
    public void TrialsExportToCsvAndJsonWithTypedParameters()
    {
        var result = HpoRegistry.Build("random", TestSpaces.Small(), Objective.Create(c =>
        {
            c.SetAttribute("note", "a, \"quoted\" note");
            return c.HyperParameters.GetDouble("x");
        })).Optimize(options: new StudyOptions { Seed = 4, MaxEvaluations = 3 });

        var csv = result.ToCsv().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("number,state,origin,worker,started,finished,duration_seconds,value,param:x,param:opti,param:epochs,error,attr:note", csv[0]);
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("0,Complete,Suggested,0,", csv[1]);
        Assert.EndsWith(",3,,\"a, \"\"quoted\"\" note\"", csv[1]);

        using var json = JsonDocument.Parse(result.ToJson());
        var first = json.RootElement[0];
        Assert.Equal(result.Trials[0].Value, first.GetProperty("values")[0].GetDouble());
        Assert.Equal(result.HyperParametersOf(result.Trials[0]).GetDouble("x"), first.GetProperty("params").GetProperty("x").GetDouble());
        Assert.Equal(3, first.GetProperty("params").GetProperty("epochs").GetInt32());
        Assert.Equal(JsonValueKind.String, first.GetProperty("params").GetProperty("opti").ValueKind);
        Assert.Equal("a, \"quoted\" note", first.GetProperty("attributes").GetProperty("note").GetString());
    }

    [Fact]
    public void CsvCellsHoldEachTrialsExactValueParametersAndError()
    {
        var result = HpoRegistry.Build("random", TestSpaces.Small(), Objective.Create(c => c.Number switch
        {
            1 => throw new ArithmeticException("diverged\nat step 3"),
            4 => throw new ArithmeticException("diverged\rat step 3"),
            _ => Math.Exp(c.HyperParameters.GetDouble("x")),
        })).Optimize(options: new StudyOptions { Seed = 4, MaxEvaluations = 6 });

        var (header, rows) = ReadCsv(result.ToCsv());
        Assert.Equal(result.Trials.Count, rows.Count);
        foreach (var (trial, row) in result.Trials.Zip(rows))
        {
            Assert.Equal(trial.Value, Number(row[header.IndexOf("value")]));
            Assert.Equal(result.HyperParametersOf(trial).GetDouble("x"), Number(row[header.IndexOf("param:x")]));
            Assert.Equal(trial.Error ?? string.Empty, row[header.IndexOf("error")]);
        }

        Assert.Equal(["ArithmeticException: diverged\nat step 3", "ArithmeticException: diverged\rat step 3"], result.Trials.Where(t => t.Error is not null).Select(t => t.Error));
    }

    [Fact]
    public void CsvNamesTheObjectivesOfAMultiObjectiveStudy()
    {
        StudyResult Run(IReadOnlyList<string>? names) => HpoRegistry.Build("random", TestSpaces.Small(), Objective.Create(c => new[] { c.HyperParameters.GetDouble("x"), -2 * c.HyperParameters.GetDouble("x") }))
            .Optimize(options: new StudyOptions { Seed = 4, MaxEvaluations = 3, Directions = [Direction.Minimize, Direction.Maximize], ObjectiveNames = names });

        var named = Run(["x", "speed"]);
        var (header, rows) = ReadCsv(named.ToCsv());
        Assert.Equal(["number", "state", "origin", "worker", "started", "finished", "duration_seconds", "x", "speed", "param:x", "param:opti", "param:epochs", "error"], header);
        Assert.Equal(named.Trials.Select(t => t.Values.ToArray()), rows.Select(r => new[] { Number(r[7]), Number(r[8]) }));
        Assert.Equal(["value_0", "value_1"], ReadCsv(Run(null).ToCsv()).Header[7..9]);
    }

    [Fact]
    public void ParametersNamedLikeTheExportsColumnsStayApart()
    {
        SearchSpace space = [new RangeHP("value", 0, 1), new RangeHP("error", 2, 3), new IntRangeHP("number", 5, 9), new RangeHP("attr:note", 4, 5)];
        var result = HpoRegistry.Build("random", space, Objective.Create(c =>
        {
            c.SetAttribute("note", "kept");
            return -c.HyperParameters.GetDouble("value");
        })).Optimize(options: new StudyOptions { Seed = 4, MaxEvaluations = 3 });

        var (header, rows) = ReadCsv(result.ToCsv());
        Assert.Equal(header.Count, header.Distinct().Count());
        foreach (var (trial, row) in result.Trials.Zip(rows))
        {
            var hps = result.HyperParametersOf(trial);
            Assert.Equal((trial.Number, trial.Value), (int.Parse(row[header.IndexOf("number")], CultureInfo.InvariantCulture), Number(row[header.IndexOf("value")])));
            Assert.Equal(hps.GetDouble("value"), Number(row[header.IndexOf("param:value")]));
            Assert.Equal(hps.GetDouble("error"), Number(row[header.IndexOf("param:error")]));
            Assert.Equal(hps.GetInt("number"), int.Parse(row[header.IndexOf("param:number")], CultureInfo.InvariantCulture));
            Assert.Equal(hps.GetDouble("attr:note"), Number(row[header.IndexOf("param:attr:note")]));
            Assert.Equal(("", "kept"), (row[header.IndexOf("error")], row[header.IndexOf("attr:note")]));
        }
    }

    [Fact]
    public void CsvWritesListsAsJsonArraysSoThatTheirItemsStayApart()
    {
        var result = HpoRegistry.Build("random", TestSpaces.Small(), Objective.Create(c =>
        {
            c.SetAttribute("tags", c.Number == 0 ? new[] { "a, b" } : ["a", "b <c>"]);
            c.SetAttribute("losses", new[] { 1.5, 2 });
            return 0.5;
        })).Optimize(options: new StudyOptions { Seed = 4, MaxEvaluations = 2 });

        var (header, rows) = ReadCsv(result.ToCsv());
        var tags = rows.Select(r => JsonSerializer.Deserialize<string[]>(r[header.IndexOf("attr:tags")])).ToArray();
        Assert.Equal([["a, b"], ["a", "b <c>"]], tags);
        Assert.Equal(["[\"a, b\"]", "[\"a\",\"b <c>\"]"], rows.Select(r => r[header.IndexOf("attr:tags")]));
        Assert.All(rows, r => Assert.Equal("[1.5,2]", r[header.IndexOf("attr:losses")]));
    }

    [Fact]
    public void JsonCarriesIntermediateValuesErrorsAndSystemAttributes()
    {
        var result = HpoRegistry.Build("quasi", TestSpaces.Small(), Objective.Create(c =>
        {
            c.Report(1, 0.25);
            return c.Number == 1 ? throw new ArithmeticException("diverged") : 0.5;
        })).Optimize(options: new StudyOptions { Seed = 4, MaxEvaluations = 2 });

        using var json = JsonDocument.Parse(result.ToJson());
        var (complete, failed) = (json.RootElement[0], json.RootElement[1]);
        Assert.Equal(0.25, complete.GetProperty("intermediate_values").GetProperty("1").GetDouble());
        Assert.False(complete.TryGetProperty("error", out _));
        Assert.Equal("ArithmeticException: diverged", failed.GetProperty("error").GetString());
        var systemAttributes = result.Trials[1].SystemAttributes;
        Assert.NotEmpty(systemAttributes);
        Assert.Equal(
            systemAttributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, Convert.ToString(a.Value, CultureInfo.InvariantCulture))),
            failed.GetProperty("system_attributes").EnumerateObject().Select(p => (p.Name, (string?)p.Value.GetRawText())));
    }

    private static double Number(string cell) => cell.Length == 0 ? double.NaN : double.Parse(cell, CultureInfo.InvariantCulture);

    /// <summary>Reads CSV as RFC 4180 has it: quoted cells may hold commas, doubled quotes and line breaks.</summary>
    private static (List<string> Header, List<List<string>> Rows) ReadCsv(string csv)
    {
        var records = new List<List<string>>();
        var (record, cell, quoted) = (new List<string>(), new StringBuilder(), false);
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c != '"')
                {
                    cell.Append(c);
                }
                else if (i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r')
            {
                Assert.True(i + 1 < csv.Length && csv[i + 1] == '\n', "a carriage return outside quotes must start a line break");
            }
            else if (c == '\n')
            {
                record.Add(cell.ToString());
                records.Add(record);
                (record, cell) = (new List<string>(), new StringBuilder());
            }
            else
            {
                cell.Append(c);
            }
        }

        Assert.False(quoted, "the CSV ends inside a quoted cell");
        Assert.True(record.Count == 0 && cell.Length == 0, "the CSV ends with a line break");
        Assert.All(records, r => Assert.Equal(records[0].Count, r.Count));
        return (records[0], records[1..]);
    }

    [Fact]
    public void JsonWritesEveryNumericChoiceAsANumberTheSameWayInEveryCulture()
    {
        SearchSpace space = [new ChoiceHP("c", (Half)0.5, (sbyte)-3, (ushort)4, float.NaN, new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc))];
        var study = new Study(HpoRegistry.Build("grid", space), new StudyOptions { Seed = 1, Directions = [Direction.Minimize] });
        while (study.TryAsk(out var trial))
        {
            study.Tell(trial.Number, 1.0);
        }

        var json = string.Empty;
        CommaCulture.Run(() => json = study.GetResult().ToJson());

        using var document = JsonDocument.Parse(json);
        var written = document.RootElement.EnumerateArray().Select(t => t.GetProperty("params").GetProperty("c").GetRawText()).Order(StringComparer.Ordinal);
        Assert.Equal(["\"01/02/2024 03:04:05\"", "\"NaN\"", "-3", "0.5", "4"], written);
    }
}
