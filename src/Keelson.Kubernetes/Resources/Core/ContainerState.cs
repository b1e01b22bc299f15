using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>The state of a container: exactly one of waiting, running or terminated.</summary>
public sealed class ContainerState
{
    /// <summary>The container is running.</summary>
    public ContainerStateRunning? Running { get; set; }

    /// <summary>The container has terminated.</summary>
    public ContainerStateTerminated? Terminated { get; set; }

    /// <summary>The container is waiting to start.</summary>
    public ContainerStateWaiting? Waiting { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
