using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Watch;

/// <summary>One event of a watch stream.</summary>
/// <typeparam name="T">The object model.</typeparam>
/// <param name="Type">What happened.</param>
/// <param name="Object">The object (for a bookmark, only its resource version is set); null for errors.</param>
/// <param name="Error">The Status of an ERROR event.</param>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, Status? Error = null)
    where T : KubernetesObject
{
    /// <summary>The resource version to resume the watch after this event.</summary>
    public string? ResourceVersion => Object?.Metadata.ResourceVersion;
}
