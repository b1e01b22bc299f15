using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>Deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class DeploymentPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Ready", "string", ColumnDescriptions.ReadyPods),
        new("Up-to-date", "string", ColumnDescriptions.DeploymentUpdatedReplicas),
        new("Available", "string", ColumnDescriptions.DeploymentAvailableReplicas),
        CommonColumns.Age,
        CommonColumns.Containers,
        CommonColumns.Images,
        new("Selector", "string", ColumnDescriptions.DeploymentSelector, Priority: 1),
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        var spec = item.GetObject("spec");
        var status = item.GetObject("status");
        var (names, images) = PodTemplateCells.Containers(item);

        // The deployment printer writes the bare selector string, so an empty selector is an empty cell, not <none>.
        var selector = LabelFormatter.TrySelectorString(spec.GetObject("selector"), out var text) ? text : "<invalid>";
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            $"{status.GetInt64("readyReplicas") ?? 0}/{WorkloadReplicas.Desired(spec)}",
            status.GetInt64("updatedReplicas") ?? 0,
            status.GetInt64("availableReplicas") ?? 0,
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now),
            names,
            images,
            selector));
    }
}
