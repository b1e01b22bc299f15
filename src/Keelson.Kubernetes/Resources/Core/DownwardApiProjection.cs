using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Pod fields in a projected volume (core/v1 DownwardAPIProjection).</summary>
public sealed class DownwardApiProjection
{
    /// <summary>The files.</summary>
    public List<DownwardApiVolumeFile>? Items { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
