using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A file or directory of the node.</summary>
public sealed class HostPathVolumeSource
{
    /// <summary>Path on the node.</summary>
    public string? Path { get; set; }

    /// <summary>What must exist at the path, e.g. <c>Directory</c> or <c>FileOrCreate</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
