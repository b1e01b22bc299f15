using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A persistent volume claim as a volume.</summary>
public sealed class PersistentVolumeClaimVolumeSource
{
    /// <summary>Name of the claim.</summary>
    public string? ClaimName { get; set; }

    /// <summary>Whether the volume is mounted read-only.</summary>
    public bool? ReadOnly { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
