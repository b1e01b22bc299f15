using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Observed state of a <see cref="StatefulSet"/>.</summary>
public sealed class StatefulSetStatus
{
    /// <summary>Pods ready for at least <c>minReadySeconds</c>.</summary>
    public int? AvailableReplicas { get; set; }

    /// <summary>Count of hash collisions, used to name the newest revision.</summary>
    public int? CollisionCount { get; set; }

    /// <summary>The stateful set's conditions.</summary>
    public List<StatefulSetCondition>? Conditions { get; set; }

    /// <summary>Pods at the current revision.</summary>
    public int? CurrentReplicas { get; set; }

    /// <summary>Revision of the pods up to <see cref="CurrentReplicas"/>.</summary>
    public string? CurrentRevision { get; set; }

    /// <summary>The generation the controller last acted on.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Pods with a Ready condition.</summary>
    public int? ReadyReplicas { get; set; }

    /// <summary>Pods created by the controller.</summary>
    public int? Replicas { get; set; }

    /// <summary>Revision the pods are being updated to.</summary>
    public string? UpdateRevision { get; set; }

    /// <summary>Pods at the update revision.</summary>
    public int? UpdatedReplicas { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
