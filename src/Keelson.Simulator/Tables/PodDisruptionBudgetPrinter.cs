using System.Globalization;
using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>PodDisruptionBudgets: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE; an unset bound is <c>N/A</c>.</summary>
internal sealed class PodDisruptionBudgetPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Min Available", "string", "The minimum number of pods that must be available."),
        new("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
        new("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
        CommonColumns.Age,
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        var spec = item.GetObject("spec");
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            IntOrString(spec?["minAvailable"]),
            IntOrString(spec?["maxUnavailable"]),
            item.GetObject("status").GetInt64("disruptionsAllowed") ?? 0,
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now)));
    }

    private static string IntOrString(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when JsonObjectExtensions.AsInt64(value) is { } number => number.ToString(CultureInfo.InvariantCulture),
        _ => "N/A",
    };
}
