using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A volume attached to a node.</summary>
public sealed class AttachedVolume
{
    /// <summary>Where the volume should be available on the node.</summary>
    public string? DevicePath { get; set; }

    /// <summary>Name of the attached volume.</summary>
    public string? Name { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
