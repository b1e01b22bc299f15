using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>DaemonSets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class DaemonSetPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Desired", "integer", ColumnDescriptions.DaemonSetDesired),
        new("Current", "integer", ColumnDescriptions.DaemonSetCurrent),
        new("Ready", "integer", ColumnDescriptions.DaemonSetReady),
        new("Up-to-date", "integer", ColumnDescriptions.DaemonSetUpdated),
        new("Available", "integer", ColumnDescriptions.DaemonSetAvailable),
        new("Node Selector", "string", ColumnDescriptions.NodeSelector),
        CommonColumns.Age,
        CommonColumns.Containers,
        CommonColumns.Images,
        new("Selector", "string", ColumnDescriptions.DaemonSetSelector, Priority: 1),
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        var spec = item.GetObject("spec");
        var status = item.GetObject("status");
        var (names, images) = PodTemplateCells.Containers(item);
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            status.GetInt64("desiredNumberScheduled") ?? 0,
            status.GetInt64("currentNumberScheduled") ?? 0,
            status.GetInt64("numberReady") ?? 0,
            status.GetInt64("updatedNumberScheduled") ?? 0,
            status.GetInt64("numberAvailable") ?? 0,
            LabelFormatter.FormatLabels(spec.GetObject("template").GetObject("spec").GetObject("nodeSelector")),
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now),
            names,
            images,
            LabelFormatter.FormatLabelSelector(spec.GetObject("selector"))));
    }
}
