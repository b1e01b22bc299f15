using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>Namespaces: NAME STATUS AGE, STATUS being <c>status.phase</c> (<c>Active</c>, <c>Terminating</c>).</summary>
internal sealed class NamespacePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Status", "string", "The status of the namespace"),
        CommonColumns.Age,
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            item.GetObject("status").GetStringOrEmpty("phase"),
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now)));
    }
}
