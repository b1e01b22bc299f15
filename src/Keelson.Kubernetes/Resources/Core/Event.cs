using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A report of something that happened to an object (core/v1 Event).</summary>
public sealed class Event : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>events</c> in <c>v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("", "v1", "Event", "events", Namespaced: true);

    /// <summary>What was done (or failed) about the object.</summary>
    public string? Action { get; set; }

    /// <summary>How many times the event occurred.</summary>
    public int? Count { get; set; }

    /// <summary>When the event was first observed.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? EventTime { get; set; }

    /// <summary>When the event was first recorded.</summary>
    public DateTimeOffset? FirstTimestamp { get; set; }

    /// <summary>The object the event is about.</summary>
    public ObjectReference? InvolvedObject { get; set; }

    /// <summary>When the event last occurred.</summary>
    public DateTimeOffset? LastTimestamp { get; set; }

    /// <summary>Human-readable description.</summary>
    public string? Message { get; set; }

    /// <summary>Short machine-readable reason, e.g. <c>Scheduled</c> or <c>BackOff</c>.</summary>
    public string? Reason { get; set; }

    /// <summary>A second object involved, if any.</summary>
    public ObjectReference? Related { get; set; }

    /// <summary>The controller that emitted the event, e.g. <c>kubelet</c>.</summary>
    public string? ReportingComponent { get; set; }

    /// <summary>The instance of the controller, e.g. the node name.</summary>
    public string? ReportingInstance { get; set; }

    /// <summary>The series the event belongs to, for isomorphic repeated events.</summary>
    public EventSeries? Series { get; set; }

    /// <summary>The component that reported the event.</summary>
    public EventSource? Source { get; set; }

    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    public string? Type { get; set; }
}
