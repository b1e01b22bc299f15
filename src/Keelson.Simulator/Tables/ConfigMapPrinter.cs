using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>ConfigMaps: NAME DATA AGE, DATA counting both <c>data</c> and <c>binaryData</c> keys.</summary>
internal sealed class ConfigMapPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Data", "string", ColumnDescriptions.ConfigMapData),
        CommonColumns.Age,
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        var keys = (item.GetObject("data")?.Count ?? 0) + (item.GetObject("binaryData")?.Count ?? 0);
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            (long)keys,
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now)));
    }
}
