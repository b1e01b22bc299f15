using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>
/// Jobs: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR. The STATUS column is new in
/// kube-apiserver 1.30; kubectl shows whatever columns the server sends, so every kubectl version sees it.
/// </summary>
internal sealed class JobPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Status", "string", "Status of the job."),
        new("Completions", "string", ColumnDescriptions.JobSucceeded),
        new("Duration", "string", "Time required to complete the job."),
        CommonColumns.Age,
        CommonColumns.Containers,
        CommonColumns.Images,
        new("Selector", "string", ColumnDescriptions.JobSelector, Priority: 1),
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        var spec = item.GetObject("spec");
        var status = item.GetObject("status");
        var succeeded = status.GetInt64("succeeded") ?? 0;

        string completions;
        if (spec.GetInt64("completions") is { } wanted)
        {
            completions = $"{succeeded}/{wanted}";
        }
        else
        {
            var parallelism = spec.GetInt64("parallelism") ?? 0;
            completions = parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
        }

        var startTime = status.GetTime("startTime");
        var completionTime = status.GetTime("completionTime");
        var duration = startTime is not { } start ? ""
            : completionTime is { } end ? HumanDuration.Format(end - start)
            : HumanDuration.Format(now - start);

        var conditions = status.GetArray("conditions").Objects().ToList();
        var jobStatus =
            HasCondition(conditions, "Complete") ? "Complete"
            : HasCondition(conditions, "Failed") ? "Failed"
            : metadata.GetString("deletionTimestamp") is not null ? "Terminating"
            : HasCondition(conditions, "Suspended") ? "Suspended"
            : HasCondition(conditions, "FailureTarget") ? "FailureTarget"
            : "Running";

        var (names, images) = PodTemplateCells.Containers(item);
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            jobStatus,
            completions,
            duration,
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now),
            names,
            images,
            LabelFormatter.FormatLabelSelector(spec.GetObject("selector"))));
    }

    // The first condition of the type decides, true only when its status is "True".
    private static bool HasCondition(List<JsonObject> conditions, string type) =>
        conditions.FirstOrDefault(c => c.GetString("type") == type)?.GetString("status") == "True";
}
