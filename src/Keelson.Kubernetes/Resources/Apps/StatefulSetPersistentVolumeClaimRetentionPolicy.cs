using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>What happens to a stateful set's claims.</summary>
public sealed class StatefulSetPersistentVolumeClaimRetentionPolicy
{
    /// <summary><c>Retain</c> or <c>Delete</c> when the stateful set is deleted.</summary>
    public string? WhenDeleted { get; set; }

    /// <summary><c>Retain</c> or <c>Delete</c> when the stateful set is scaled down.</summary>
    public string? WhenScaled { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
