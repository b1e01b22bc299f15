using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Observed state of a <see cref="ReplicaSet"/>.</summary>
public sealed class ReplicaSetStatus
{
    /// <summary>Pods ready for at least <c>minReadySeconds</c>.</summary>
    public int? AvailableReplicas { get; set; }

    /// <summary>The replica set's conditions, e.g. <c>ReplicaFailure</c>.</summary>
    public List<ReplicaSetCondition>? Conditions { get; set; }

    /// <summary>Pods whose labels match the template's labels.</summary>
    public int? FullyLabeledReplicas { get; set; }

    /// <summary>The generation the controller last acted on.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Pods with a Ready condition.</summary>
    public int? ReadyReplicas { get; set; }

    /// <summary>Most recently observed number of pods.</summary>
    public int? Replicas { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
