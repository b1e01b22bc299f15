using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>One address of a <see cref="Node"/>.</summary>
public sealed class NodeAddress
{
    /// <summary>The address.</summary>
    public string? Address { get; set; }

    /// <summary><c>Hostname</c>, <c>InternalIP</c>, <c>ExternalIP</c>, <c>InternalDNS</c> or <c>ExternalDNS</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
