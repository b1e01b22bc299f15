using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A config map as a volume.</summary>
public sealed class ConfigMapVolumeSource
{
    /// <summary>Mode bits of the created files, e.g. 0644 (420).</summary>
    public int? DefaultMode { get; set; }

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
