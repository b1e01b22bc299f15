using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A config map whose keys become environment variables.</summary>
public sealed class ConfigMapEnvSource
{
    /// <summary>Name of the config map.</summary>
    public string? Name { get; set; }

    /// <summary>Whether the config map may be absent.</summary>
    public bool? Optional { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
