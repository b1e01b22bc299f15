using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Observed state of a <see cref="Service"/>.</summary>
public sealed class ServiceStatus
{
    /// <summary>The service's conditions.</summary>
    public List<Condition>? Conditions { get; set; }

    /// <summary>The load balancer, if any.</summary>
    public LoadBalancerStatus? LoadBalancer { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
