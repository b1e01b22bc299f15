using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Settings of client-IP session affinity.</summary>
public sealed class ClientIPConfig
{
    /// <summary>How long a session sticks, in seconds.</summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
