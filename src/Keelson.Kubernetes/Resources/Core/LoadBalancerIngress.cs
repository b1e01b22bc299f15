using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>An ingress point of a load balancer.</summary>
public sealed class LoadBalancerIngress
{
    /// <summary>DNS name of the ingress point.</summary>
    public string? Hostname { get; set; }

    /// <summary>IP address of the ingress point.</summary>
    public string? IP { get; set; }

    /// <summary><c>VIP</c> or <c>Proxy</c>: how traffic reaches the nodes.</summary>
    public string? IPMode { get; set; }

    /// <summary>Status of the service's ports.</summary>
    public List<PortStatus>? Ports { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
