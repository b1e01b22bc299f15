using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>DNS parameters of a pod (core/v1 PodDNSConfig).</summary>
public sealed class PodDnsConfig
{
    /// <summary>DNS name server IP addresses.</summary>
    public List<string>? Nameservers { get; set; }

    /// <summary>DNS resolver options.</summary>
    public List<PodDnsConfigOption>? Options { get; set; }

    /// <summary>DNS search domains for host-name lookup.</summary>
    public List<string>? Searches { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
