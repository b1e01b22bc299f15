using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Ports of the daemons on a <see cref="Node"/>.</summary>
public sealed class NodeDaemonEndpoints
{
    /// <summary>Where the kubelet listens.</summary>
    public DaemonEndpoint? KubeletEndpoint { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
