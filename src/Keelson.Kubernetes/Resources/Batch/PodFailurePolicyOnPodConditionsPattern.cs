using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Matches a failed pod by one of its conditions.</summary>
public sealed class PodFailurePolicyOnPodConditionsPattern
{
    /// <summary>Required status of the condition.</summary>
    public string? Status { get; set; }

    /// <summary>Type of the condition, e.g. <c>DisruptionTarget</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
