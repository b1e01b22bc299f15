using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Addresses that share a set of ports.</summary>
public sealed class EndpointSubset
{
    /// <summary>Ready addresses.</summary>
    public List<EndpointAddress>? Addresses { get; set; }

    /// <summary>Addresses not ready to receive traffic.</summary>
    public List<EndpointAddress>? NotReadyAddresses { get; set; }

    /// <summary>The ports of all addresses.</summary>
    public List<EndpointPort>? Ports { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
