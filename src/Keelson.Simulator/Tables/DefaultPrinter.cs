using System.Globalization;
using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>
/// The table kube-apiserver's default table convertor (<c>rest.NewDefaultTableConvertor</c>) gives kinds without
/// a printer: NAME and CREATED AT, the latter an RFC 3339 UTC timestamp in a column of type <c>date</c>.
/// </summary>
internal sealed class DefaultPrinter : ITablePrinter
{
    public static DefaultPrinter Instance { get; } = new();

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Created At", "date", ColumnDescriptions.CreationTimestamp),
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        // Go formats the zero time too; an object without a timestamp shows 0001-01-01T00:00:00Z.
        var created = metadata.GetTime("creationTimestamp") ?? DateTimeOffset.MinValue;
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
    }
}
