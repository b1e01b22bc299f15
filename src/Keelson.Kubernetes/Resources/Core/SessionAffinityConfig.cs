using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Settings of service session affinity.</summary>
public sealed class SessionAffinityConfig
{
    /// <summary>Settings of client-IP affinity.</summary>
    public ClientIPConfig? ClientIP { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
