using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>The state of a load balancer.</summary>
public sealed class LoadBalancerStatus
{
    /// <summary>The load balancer's ingress points.</summary>
    public List<LoadBalancerIngress>? Ingress { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
