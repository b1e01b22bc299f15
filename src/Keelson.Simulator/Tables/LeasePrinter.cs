using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>Leases: NAME HOLDER AGE.</summary>
internal sealed class LeasePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Holder", "string", ColumnDescriptions.LeaseHolderIdentity),
        CommonColumns.Age,
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            item.GetObject("spec").GetStringOrEmpty("holderIdentity"),
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now)));
    }
}
