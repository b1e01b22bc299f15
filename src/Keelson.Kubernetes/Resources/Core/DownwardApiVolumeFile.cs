using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>One file of pod fields (core/v1 DownwardAPIVolumeFile).</summary>
public sealed class DownwardApiVolumeFile
{
    /// <summary>A field of the pod.</summary>
    public ObjectFieldSelector? FieldRef { get; set; }

    /// <summary>Mode bits of the file.</summary>
    public int? Mode { get; set; }

    /// <summary>Relative path of the file.</summary>
    public string? Path { get; set; }

    /// <summary>A resource of a container.</summary>
    public ResourceFieldSelector? ResourceFieldRef { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
