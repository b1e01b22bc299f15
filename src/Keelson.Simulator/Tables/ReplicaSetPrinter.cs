using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>ReplicaSets: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class ReplicaSetPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Desired", "integer", ColumnDescriptions.ReplicaSetSpecReplicas),
        new("Current", "integer", ColumnDescriptions.ReplicaSetStatusReplicas),
        new("Ready", "integer", ColumnDescriptions.ReplicaSetReadyReplicas),
        CommonColumns.Age,
        CommonColumns.Containers,
        CommonColumns.Images,
        new("Selector", "string", ColumnDescriptions.ReplicaSetSelector, Priority: 1),
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        var spec = item.GetObject("spec");
        var status = item.GetObject("status");
        var (names, images) = PodTemplateCells.Containers(item);
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            WorkloadReplicas.Desired(spec),
            status.GetInt64("replicas") ?? 0,
            status.GetInt64("readyReplicas") ?? 0,
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now),
            names,
            images,
            LabelFormatter.FormatLabelSelector(spec.GetObject("selector"))));
    }
}
