using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>StatefulSets: NAME READY AGE, wide CONTAINERS IMAGES.</summary>
internal sealed class StatefulSetPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Ready", "string", ColumnDescriptions.ReadyPods),
        CommonColumns.Age,
        CommonColumns.Containers,
        CommonColumns.Images,
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        var (names, images) = PodTemplateCells.Containers(item);
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            $"{item.GetObject("status").GetInt64("readyReplicas") ?? 0}/{WorkloadReplicas.Desired(item.GetObject("spec"))}",
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now),
            names,
            images));
    }
}
