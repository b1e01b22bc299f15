using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Several sources projected into one directory.</summary>
public sealed class ProjectedVolumeSource
{
    /// <summary>Mode bits of the created files.</summary>
    public int? DefaultMode { get; set; }

    /// <summary>The sources.</summary>
    public List<VolumeProjection>? Sources { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
