using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Selects a key of a config map.</summary>
public sealed class ConfigMapKeySelector
{
    /// <summary>The key.</summary>
    public string? Key { get; set; }

    /// <summary>Name of the config map.</summary>
    public string? Name { get; set; }

    /// <summary>Whether the config map or key may be absent.</summary>
    public bool? Optional { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
