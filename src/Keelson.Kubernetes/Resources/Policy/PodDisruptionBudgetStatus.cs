using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Observed state of a <see cref="PodDisruptionBudget"/>.</summary>
public sealed class PodDisruptionBudgetStatus
{
    /// <summary><c>DisruptionAllowed</c> and others.</summary>
    public List<Condition>? Conditions { get; set; }

    /// <summary>Current number of healthy pods.</summary>
    public int? CurrentHealthy { get; set; }

    /// <summary>Least number of healthy pods desired.</summary>
    public int? DesiredHealthy { get; set; }

    /// <summary>Pods evicted but not yet deleted, by name, with the time of eviction.</summary>
    public Dictionary<string, DateTimeOffset>? DisruptedPods { get; set; }

    /// <summary>Pod disruptions currently allowed.</summary>
    public int? DisruptionsAllowed { get; set; }

    /// <summary>Total number of pods the budget counts.</summary>
    public int? ExpectedPods { get; set; }

    /// <summary>The generation the controller last acted on.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
