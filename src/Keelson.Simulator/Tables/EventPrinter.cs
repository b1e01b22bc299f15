using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>
/// Events of core/v1 and events.k8s.io/v1 (one printer in kube-apiserver, which converts both to the internal
/// Event): LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME.
/// </summary>
internal sealed class EventPrinter(bool eventsApi) : ITablePrinter
{
    /// <summary>The printer for core/v1 Events.</summary>
    public static EventPrinter Core { get; } = new(eventsApi: false);

    /// <summary>The printer for events.k8s.io/v1 Events, whose fields are read through their core/v1 names.</summary>
    public static EventPrinter EventsApi { get; } = new(eventsApi: true);

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen", "string", ColumnDescriptions.EventLastTimestamp),
        new("Type", "string", ColumnDescriptions.EventType),
        new("Reason", "string", ColumnDescriptions.EventReason),
        new("Object", "string", ColumnDescriptions.EventInvolvedObject),
        new("Subobject", "string", ColumnDescriptions.EventFieldPath, Priority: 1),
        new("Source", "string", ColumnDescriptions.EventSource, Priority: 1),
        new("Message", "string", ColumnDescriptions.EventMessage),
        new("First Seen", "string", ColumnDescriptions.EventFirstTimestamp, Priority: 1),
        new("Count", "string", ColumnDescriptions.EventCount, Priority: 1),
        new("Name", "string", ColumnDescriptions.Name, Priority: 1, Format: "name"),
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        // events.k8s.io/v1 renamed the core fields; the conversion to the internal type maps them back.
        var involved = item.GetObject(eventsApi ? "regarding" : "involvedObject");
        var source = item.GetObject(eventsApi ? "deprecatedSource" : "source");
        var message = item.GetStringOrEmpty(eventsApi ? "note" : "message");
        var firstTimestamp = item.GetTime(eventsApi ? "deprecatedFirstTimestamp" : "firstTimestamp");
        var lastTimestamp = item.GetTime(eventsApi ? "deprecatedLastTimestamp" : "lastTimestamp");
        var count = item.GetInt64(eventsApi ? "deprecatedCount" : "count") ?? 0;

        var firstSeen = firstTimestamp is not null
            ? HumanDuration.Since(firstTimestamp, now)
            : HumanDuration.Since(item.GetTime("eventTime"), now);
        var lastSeen = lastTimestamp is not null ? HumanDuration.Since(lastTimestamp, now) : firstSeen;
        if (item.GetObject("series") is { } series)
        {
            lastSeen = HumanDuration.Since(series.GetTime("lastObservedTime"), now);
            count = series.GetInt64("count") ?? 0;
        }
        else if (count == 0)
        {
            // Singleton events of the new API carry no count.
            count = 1;
        }

        var kind = involved.GetStringOrEmpty("kind").ToLowerInvariant();
        var involvedName = involved.GetStringOrEmpty("name");
        var target = involvedName.Length > 0 ? $"{kind}/{involvedName}" : kind;

        return new TableRow(new JsonArray(
            lastSeen,
            item.GetStringOrEmpty("type"),
            item.GetStringOrEmpty("reason"),
            target,
            involved.GetStringOrEmpty("fieldPath"),
            FormatSource(item, source, eventsApi ? "reportingController" : "reportingComponent"),
            message.Trim(),
            firstSeen,
            count,
            item.GetObject("metadata").GetStringOrEmpty("name")));
    }

    // "component, host", falling back to the reporting controller and instance when the source is empty. core/v1
    // calls the reporting controller reportingComponent on the wire.
    private static string FormatSource(JsonObject item, JsonObject? source, string reportingControllerField)
    {
        var component = FirstNonEmpty(source.GetStringOrEmpty("component"), item.GetStringOrEmpty(reportingControllerField));
        var host = FirstNonEmpty(source.GetStringOrEmpty("host"), item.GetStringOrEmpty("reportingInstance"));
        return host.Length == 0 ? component : $"{component}, {host}";
    }

    private static string FirstNonEmpty(string first, string second) => first.Length > 0 ? first : second;
}
