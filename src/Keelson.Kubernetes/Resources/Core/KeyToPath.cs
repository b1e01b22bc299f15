using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A key projected to a file.</summary>
public sealed class KeyToPath
{
    /// <summary>The key.</summary>
    public string? Key { get; set; }

    /// <summary>Mode bits of the file.</summary>
    public int? Mode { get; set; }

    /// <summary>Relative path of the file.</summary>
    public string? Path { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
