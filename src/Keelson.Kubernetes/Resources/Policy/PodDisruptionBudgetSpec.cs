using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Desired state of a <see cref="PodDisruptionBudget"/>.</summary>
public sealed class PodDisruptionBudgetSpec
{
    /// <summary>Most selected pods that may be unavailable after an eviction: a number or a percentage.</summary>
    public IntOrString? MaxUnavailable { get; set; }

    /// <summary>Least selected pods that must remain available after an eviction: a number or a percentage.</summary>
    public IntOrString? MinAvailable { get; set; }

    /// <summary>Selects the pods the budget protects; an empty selector selects all pods in the namespace.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary><c>IfHealthyBudget</c> or <c>AlwaysAllow</c>: when unhealthy running pods may be evicted.</summary>
    public string? UnhealthyPodEvictionPolicy { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
