using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A container waiting to start.</summary>
public sealed class ContainerStateWaiting
{
    /// <summary>Why the container is not yet running.</summary>
    public string? Message { get; set; }

    /// <summary>Brief reason, e.g. <c>CrashLoopBackOff</c> or <c>ImagePullBackOff</c>.</summary>
    public string? Reason { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
