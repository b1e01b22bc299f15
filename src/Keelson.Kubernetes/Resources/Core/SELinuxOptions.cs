using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>An SELinux context.</summary>
public sealed class SELinuxOptions
{
    /// <summary>SELinux level label.</summary>
    public string? Level { get; set; }

    /// <summary>SELinux role label.</summary>
    public string? Role { get; set; }

    /// <summary>SELinux type label.</summary>
    public string? Type { get; set; }

    /// <summary>SELinux user label.</summary>
    public string? User { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
