using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A daemon's port on a node.</summary>
public sealed class DaemonEndpoint
{
    /// <summary>The port number.</summary>
    [JsonPropertyName("Port")]
    public int? Port { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
