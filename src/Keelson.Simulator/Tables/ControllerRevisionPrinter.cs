using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>ControllerRevisions: NAME CONTROLLER REVISION AGE, CONTROLLER as <c>statefulset.apps/web</c>.</summary>
internal sealed class ControllerRevisionPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Controller", "string", "Controller of the object"),
        new("Revision", "string", ColumnDescriptions.ControllerRevision),
        CommonColumns.Age,
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            Controller(metadata.GetArray("ownerReferences")),
            item.GetInt64("revision") ?? 0,
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now)));
    }

    private static string Controller(JsonArray? ownerReferences)
    {
        var owner = ownerReferences.Objects().FirstOrDefault(o => o.GetBoolean("controller") == true);
        if (owner is null)
        {
            return "<none>";
        }

        var apiVersion = owner.GetStringOrEmpty("apiVersion");
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        var kind = owner.GetStringOrEmpty("kind");
        var name = owner.GetStringOrEmpty("name");
        if (group.Length == 0 && kind.Length == 0)
        {
            return name;
        }

        var groupKind = group.Length == 0 ? kind : $"{kind}.{group}";
        return $"{groupKind.ToLowerInvariant()}/{name}";
    }
}
