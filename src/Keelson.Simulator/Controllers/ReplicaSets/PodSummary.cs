using System.Globalization;
using System.Text.Json;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.ReplicaSets;

/// <summary>
/// What the workload controllers (replica sets, deployments, jobs) need to know about a pod,
/// read once per watch event so that reconciling never parses pod JSON again: its controller,
/// phase and readiness, and the facts kube ranks pods by when it picks which to delete.
/// </summary>
internal sealed class PodSummary
{
    /// <summary>The finalizer the job controller keeps on its pods until it has counted them.</summary>
    public const string JobTrackingFinalizer = "batch.kubernetes.io/job-tracking";

    /// <summary>The annotation (and label) holding an indexed job pod's completion index.</summary>
    public const string CompletionIndexAnnotation = "batch.kubernetes.io/job-completion-index";

    private const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]").RootElement;

    private PodSummary(StoredObject stored) => Stored = stored;

    /// <summary>The stored state this summary was read from.</summary>
    public StoredObject Stored { get; }

    /// <summary>Namespace and name.</summary>
    public ObjectKey Key => Stored.Key;

    /// <summary>The pod's uid.</summary>
    public string Uid => Stored.Uid;

    /// <summary>The pod's labels.</summary>
    public IReadOnlyDictionary<string, string>? Labels => Stored.Labels;

    /// <summary>Whether the pod is being deleted.</summary>
    public bool Terminating => Stored.Terminating;

    /// <summary>The uid of the owner reference marked <c>controller: true</c>, or null for an orphan.</summary>
    public string? ControllerUid { get; private init; }

    /// <summary>The kind of the controller, e.g. <c>ReplicaSet</c>.</summary>
    public string? ControllerKind { get; private init; }

    /// <summary>The name of the controller.</summary>
    public string? ControllerName { get; private init; }

    /// <summary>The node the pod is bound to; empty while unscheduled.</summary>
    public string NodeName { get; private init; } = "";

    /// <summary><c>Pending</c>, <c>Running</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Unknown</c>.</summary>
    public string Phase { get; private init; } = "Pending";

    /// <summary>Whether the Ready condition is True.</summary>
    public bool Ready { get; private init; }

    /// <summary>When the Ready condition last became True (null when not ready).</summary>
    public DateTimeOffset? ReadySince { get; private init; }

    /// <summary>When the pod was created.</summary>
    public DateTimeOffset Created { get; private init; }

    /// <summary>The highest restart count of its containers.</summary>
    public int MaxRestarts { get; private init; }

    /// <summary>Restarts of all its containers, init containers included.</summary>
    public int TotalRestarts { get; private init; }

    /// <summary>The <c>controller.kubernetes.io/pod-deletion-cost</c> annotation (0 when absent).</summary>
    public int DeletionCost { get; private init; }

    /// <summary>Whether it carries the job controller's tracking finalizer.</summary>
    public bool HasJobTrackingFinalizer { get; private init; }

    /// <summary>The completion index of an indexed job's pod, or -1.</summary>
    public int CompletionIndex { get; private init; } = -1;

    /// <summary>When its last container finished, if one did.</summary>
    public DateTimeOffset? FinishedAt { get; private init; }

    /// <summary>Whether it counts for its controller: neither finished nor being deleted (kube's <c>IsPodActive</c>).</summary>
    public bool Active => !Terminating && Phase is not ("Succeeded" or "Failed");

    /// <summary>Whether it has been ready for at least <paramref name="minReadySeconds"/> at <paramref name="now"/>.</summary>
    public bool AvailableAt(int minReadySeconds, DateTimeOffset now) =>
        Ready && (minReadySeconds == 0 || (ReadySince is { } since && since.AddSeconds(minReadySeconds) < now));

    /// <summary>Reads a stored pod, sharing repeated strings (owner names and uids, node names) through <paramref name="strings"/>.</summary>
    public static PodSummary From(StoredObject stored, StringPool strings)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(strings);
        using var document = JsonDocument.Parse(stored.Json);
        var root = document.RootElement;
        var metadata = Property(root, "metadata");
        var status = Property(root, "status");
        string? controllerUid = null, controllerKind = null, controllerName = null;
        foreach (var owner in Items(metadata, "ownerReferences"))
        {
            if (Property(owner, "controller") is { ValueKind: JsonValueKind.True })
            {
                controllerUid = Text(owner, "uid");
                controllerKind = Text(owner, "kind");
                controllerName = Text(owner, "name");
                break;
            }
        }

        bool ready = false;
        DateTimeOffset? readySince = null;
        foreach (var condition in Items(status, "conditions"))
        {
            if (Text(condition, "type") == "Ready" && Text(condition, "status") == "True")
            {
                ready = true;
                readySince = Time(condition, "lastTransitionTime");
            }
        }

        int maxRestarts = 0, totalRestarts = 0;
        DateTimeOffset? finishedAt = null;
        foreach (var list in new[] { "containerStatuses", "initContainerStatuses" })
        {
            foreach (var container in Items(status, list))
            {
                var restarts = Property(container, "restartCount") is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var count) ? count : 0;
                totalRestarts += restarts;
                if (list == "containerStatuses")
                {
                    maxRestarts = Math.Max(maxRestarts, restarts);
                }

                if (Time(Property(Property(container, "state"), "terminated"), "finishedAt") is { } finished && (finishedAt is null || finished > finishedAt))
                {
                    finishedAt = finished;
                }
            }
        }

        var annotations = Property(metadata, "annotations");
        return new PodSummary(stored)
        {
            ControllerUid = strings.Intern(controllerUid),
            ControllerKind = strings.Intern(controllerKind),
            ControllerName = strings.Intern(controllerName),
            NodeName = strings.Intern(Text(Property(root, "spec"), "nodeName")) ?? "",
            Phase = strings.Intern(Text(status, "phase")) ?? "Pending",
            Ready = ready,
            ReadySince = readySince,
            Created = Time(metadata, "creationTimestamp") ?? DateTimeOffset.MinValue,
            MaxRestarts = maxRestarts,
            TotalRestarts = totalRestarts,
            DeletionCost = int.TryParse(Text(annotations, DeletionCostAnnotation), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cost) ? cost : 0,
            HasJobTrackingFinalizer = Items(metadata, "finalizers").Any(f => f.ValueKind == JsonValueKind.String && f.GetString() == JobTrackingFinalizer),
            CompletionIndex = int.TryParse(Text(annotations, CompletionIndexAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1,
            FinishedAt = finishedAt,
        };
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A timestamp, or null when absent or malformed (clients write pod status; a bad time must not stop a controller).</summary>
    private static DateTimeOffset? Time(JsonElement element, string name)
    {
        try
        {
            return Text(element, name) is { } text ? TimeJsonConverter.ParseRfc3339(text) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement element, string name) =>
        (Property(element, name) is { ValueKind: JsonValueKind.Array } array ? array : EmptyArray).EnumerateArray();
}
