using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Selects a key of a secret.</summary>
public sealed class SecretKeySelector
{
    /// <summary>The key.</summary>
    public string? Key { get; set; }

    /// <summary>Name of the secret.</summary>
    public string? Name { get; set; }

    /// <summary>Whether the secret or key may be absent.</summary>
    public bool? Optional { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
