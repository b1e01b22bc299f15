using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>An entry of the pod's hosts file.</summary>
public sealed class HostAlias
{
    /// <summary>Hostnames for the IP address.</summary>
    public List<string>? Hostnames { get; set; }

    /// <summary>The IP address.</summary>
    public string? IP { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
