using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>Secrets: NAME TYPE DATA AGE.</summary>
internal sealed class SecretPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Type", "string", ColumnDescriptions.SecretType),
        new("Data", "string", ColumnDescriptions.SecretData),
        CommonColumns.Age,
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            item.GetStringOrEmpty("type"),
            (long)(item.GetObject("data")?.Count ?? 0),
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now)));
    }
}
