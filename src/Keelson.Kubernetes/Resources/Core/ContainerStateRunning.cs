using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A running container.</summary>
public sealed class ContainerStateRunning
{
    /// <summary>When the container was last (re)started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
