using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>An extra condition for pod readiness.</summary>
public sealed class PodReadinessGate
{
    /// <summary>Type of a condition in the pod's condition list.</summary>
    public string? ConditionType { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
