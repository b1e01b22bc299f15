using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Keys of a secret in a projected volume.</summary>
public sealed class SecretProjection
{
    /// <summary>Keys to project and their paths; all keys when absent.</summary>
    public List<KeyToPath>? Items { get; set; }

    /// <summary>Name of the secret.</summary>
    public string? Name { get; set; }

    /// <summary>Whether the secret or its keys may be absent.</summary>
    public bool? Optional { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
