using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Fleet;

/// <summary>What the fleet view keeps of a Kubernetes event.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Namespace">The namespace of the object it is about.</param>
/// <param name="ObjectKind">The kind of the object it is about, e.g. <c>Pod</c>.</param>
/// <param name="ObjectName">The name of the object it is about.</param>
/// <param name="Type"><c>Normal</c> or <c>Warning</c>.</param>
/// <param name="Reason">Why, e.g. <c>BackOff</c>, <c>FailedScheduling</c>.</param>
/// <param name="Message">What happened (cut at <see cref="MaxMessageLength"/> characters).</param>
/// <param name="Count">How many times it happened.</param>
/// <param name="LastSeen">When it last happened (UTC).</param>
public sealed record FleetEvent(
    string Cluster,
    string Namespace,
    string ObjectKind,
    string ObjectName,
    string Type,
    string Reason,
    string Message,
    int Count,
    DateTime? LastSeen)
{
    /// <summary>Longest message kept; longer ones (stack traces in events) are cut so one event cannot hog memory.</summary>
    public const int MaxMessageLength = 1024;

    internal static FleetEvent From(string cluster, Event e, StringPool strings)
    {
        var message = e.Message ?? "";
        return new FleetEvent(
            cluster,
            strings.Intern(e.InvolvedObject?.Namespace ?? e.Metadata.Namespace) ?? "",
            strings.Intern(e.InvolvedObject?.Kind) ?? "",
            e.InvolvedObject?.Name ?? "",
            strings.Intern(e.Type) ?? "Normal",
            strings.Intern(e.Reason) ?? "",
            message.Length > MaxMessageLength ? message[..MaxMessageLength] : message,
            e.Series?.Count ?? e.Count ?? 1,
            (e.Series?.LastObservedTime ?? e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp)?.UtcDateTime);
    }
}
