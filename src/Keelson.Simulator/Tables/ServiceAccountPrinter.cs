using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>ServiceAccounts: NAME SECRETS AGE.</summary>
internal sealed class ServiceAccountPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Secrets", "string", ColumnDescriptions.ServiceAccountSecrets),
        CommonColumns.Age,
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            (long)(item.GetArray("secrets")?.Count ?? 0),
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now)));
    }
}
