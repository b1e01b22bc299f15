using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Actions the kubelet runs when a container starts and stops.</summary>
public sealed class Lifecycle
{
    /// <summary>Runs right after the container is created.</summary>
    public LifecycleHandler? PostStart { get; set; }

    /// <summary>Runs before the container is terminated.</summary>
    public LifecycleHandler? PreStop { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
