using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A DNS resolver option (core/v1 PodDNSConfigOption).</summary>
public sealed class PodDnsConfigOption
{
    /// <summary>The option's name, e.g. <c>ndots</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The option's value.</summary>
    public string? Value { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
