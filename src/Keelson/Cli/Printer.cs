using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Yaml;

namespace Keelson.Cli;

/// <summary>Prints API results as a table (kubectl style), JSON or YAML.</summary>
internal static class Printer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A column: its header and how to get its cell from an item.</summary>
    public sealed record Column(string Header, Func<JsonNode, string> Cell);

    public static async Task PrintAsync(TextWriter output, OutputFormat format, JsonNode? data, IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case OutputFormat.Json:
                await output.WriteLineAsync(data?.ToJsonString(Indented) ?? "null");
                return;
            case OutputFormat.Yaml:
                await output.WriteAsync(YamlJson.ToYaml(data));
                return;
        }

        var items = data is JsonObject page && page["items"] is JsonArray array ? array : data is JsonArray list ? list : new JsonArray(data?.DeepClone());
        if (items.Count == 0)
        {
            await output.WriteLineAsync("No resources found.");
            return;
        }

        var rows = new List<string[]> { columns.Select(c => c.Header).ToArray() };
        rows.AddRange(items.Select(item => columns.Select(c => c.Cell(item!)).ToArray()));
        var widths = Enumerable.Range(0, columns.Count).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            await output.WriteLineAsync(string.Join("   ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
    }

    /// <summary>A field's text, or empty.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>The age of an RFC 3339 time, as kubectl prints it (5m, 3h, 2d).</summary>
    public static string Age(JsonNode? time) =>
        DateTimeOffset.TryParse(Text(time), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? Simulator.Tables.HumanDuration.Since(at, DateTimeOffset.UtcNow)
            : "<unknown>";

    /// <summary><c>k=v,k2=v2</c> of a JSON object.</summary>
    public static string Labels(JsonNode? map) =>
        map is JsonObject obj && obj.Count > 0 ? string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Text(p.Value)}")) : "<none>";
}
