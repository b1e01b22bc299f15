using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>An empty directory that lives as long as the pod.</summary>
public sealed class EmptyDirVolumeSource
{
    /// <summary>Storage medium: empty for the node's default, or <c>Memory</c>.</summary>
    public string? Medium { get; set; }

    /// <summary>Most storage the directory may use.</summary>
    public Quantity? SizeLimit { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
