using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A raw block device of a container.</summary>
public sealed class VolumeDevice
{
    /// <summary>Path of the device in the container.</summary>
    public string? DevicePath { get; set; }

    /// <summary>Name of the persistent volume claim in the pod.</summary>
    public string? Name { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
