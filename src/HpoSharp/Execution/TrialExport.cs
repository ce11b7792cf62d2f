using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HpoSharp.Space;
using HpoSharp.Trials;

namespace HpoSharp.Execution;

/// <summary>Writes a study's trials as CSV or JSON, with typed hyper-parameters and every recorded detail.</summary>
internal static class TrialExport
{
    /// <summary>The CSV columns before the objectives.</summary>
    private static readonly string[] Leading = ["number", "state", "origin", "worker", "started", "finished", "duration_seconds"];

    /// <summary>The CSV columns of the export's own, which no objective may be named after.</summary>
    public static readonly IReadOnlyList<string> OwnColumns = [.. Leading, "error"];

    /// <summary>The prefixes of the parameters' and attributes' CSV columns, with which no objective's name may start.</summary>
    public static readonly IReadOnlyList<string> ColumnPrefixes = ["param:", "attr:"];

    public static void WriteCsv(StudyResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var parameters = result.Space.Declared.Select(p => p.Name).ToList();
        var attributes = result.Trials.SelectMany(t => t.Attributes.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        string[] header = [.. Leading, .. result.ObjectiveNames, .. parameters.Select(p => ColumnPrefixes[0] + p), "error", .. attributes.Select(a => ColumnPrefixes[1] + a)];
        writer.WriteLine(string.Join(",", header.Select(Quote)));
        foreach (var trial in result.Trials)
        {
            var hps = result.HyperParametersOf(trial);
            IEnumerable<string> cells =
            [
                HPSpace.Text(trial.Number), trial.State.ToString(), trial.Origin.ToString(), HPSpace.Text(trial.Worker),
                trial.Started?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty,
                trial.Finished?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty,
                trial.Duration is { } d ? HPSpace.Text(d.TotalSeconds) : string.Empty,
                .. result.ObjectiveNames.Select((_, i) => i < trial.Values.Length ? HPSpace.Text(trial.Values[i]) : string.Empty),
                .. parameters.Select(p => hps.TryGetValue(p, out var v) ? Cell(v) : string.Empty),
                trial.Error ?? string.Empty,
                .. attributes.Select(a => trial.Attributes.TryGetValue(a, out var v) ? Cell(v) : string.Empty),
            ];
            writer.WriteLine(string.Join(",", cells.Select(Quote)));
        }
    }

    public static void WriteJson(StudyResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (var trial in result.Trials)
        {
            json.WriteStartObject();
            json.WriteNumber("number", trial.Number);
            json.WriteString("state", trial.State.ToString());
            json.WriteString("origin", trial.Origin.ToString());
            json.WriteNumber("worker", trial.Worker);
            WriteDate(json, "started", trial.Started);
            WriteDate(json, "finished", trial.Finished);
            json.WritePropertyName("values");
            WriteValue(json, trial.Values);
            json.WriteStartObject("params");
            foreach (var (name, value) in result.HyperParametersOf(trial))
            {
                json.WritePropertyName(name);
                WriteValue(json, value);
            }

            json.WriteEndObject();
            json.WriteStartObject("intermediate_values");
            foreach (var (step, value) in trial.IntermediateValues)
            {
                json.WritePropertyName(HPSpace.Text(step));
                WriteValue(json, value);
            }

            json.WriteEndObject();
            WriteAttributes(json, "attributes", trial.Attributes);
            WriteAttributes(json, "system_attributes", trial.SystemAttributes);
            if (trial.Error is not null)
            {
                json.WriteString("error", trial.Error);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteAttributes(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, object> attributes)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            json.WritePropertyName(key);
            WriteValue(json, value);
        }

        json.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter json, string name, DateTimeOffset? date)
    {
        if (date is { } d)
        {
            json.WriteString(name, d);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case double d when !double.IsFinite(d):
            case float f when !float.IsFinite(f):
            case Half h when !Half.IsFinite(h):
                json.WriteStringValue(HPSpace.Text(value));
                break;
            case double or float or Half or decimal or int or long or short or byte or uint or ulong or sbyte or ushort:
                json.WriteRawValue(HPSpace.Text(value));
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(HPSpace.Text(value));
                break;
        }
    }

    /// <summary>
    /// A parameter's or attribute's CSV cell: a list as a compact JSON array (so that <c>["a, b"]</c> and <c>["a","b"]</c>
    /// stay apart and any JSON reader parses it), anything else as <see cref="HPSpace.Text(object?)"/> writes it.
    /// </summary>
    private static string Cell(object value)
    {
        if (value is not IEnumerable or string)
        {
            return HPSpace.Text(value);
        }

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteValue(json, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
