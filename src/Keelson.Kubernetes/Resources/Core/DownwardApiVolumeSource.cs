using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Pod fields as a volume (core/v1 DownwardAPIVolumeSource).</summary>
public sealed class DownwardApiVolumeSource
{
    /// <summary>Mode bits of the created files.</summary>
    public int? DefaultMode { get; set; }

    /// <summary>The files.</summary>
    public List<DownwardApiVolumeFile>? Items { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
