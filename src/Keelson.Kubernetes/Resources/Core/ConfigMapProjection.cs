using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Keys of a config map in a projected volume.</summary>
public sealed class ConfigMapProjection
{
    /// <summary>Keys to project and their paths; all keys when absent.</summary>
    public List<KeyToPath>? Items { get; set; }

    /// <summary>Name of the config map.</summary>
    public string? Name { get; set; }

    /// <summary>Whether the config map or its keys may be absent.</summary>
    public bool? Optional { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
