using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Observed state of a <see cref="Deployment"/>.</summary>
public sealed class DeploymentStatus
{
    /// <summary>Pods ready for at least <c>minReadySeconds</c>.</summary>
    public int? AvailableReplicas { get; set; }

    /// <summary>Count of hash collisions, used to name the newest replica set.</summary>
    public int? CollisionCount { get; set; }

    /// <summary>Available, Progressing and ReplicaFailure.</summary>
    public List<DeploymentCondition>? Conditions { get; set; }

    /// <summary>The generation the controller last acted on.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Pods with a Ready condition.</summary>
    public int? ReadyReplicas { get; set; }

    /// <summary>Pods of the deployment (their labels match the selector).</summary>
    public int? Replicas { get; set; }

    /// <summary>Pods still needed for the deployment to be at full capacity.</summary>
    public int? UnavailableReplicas { get; set; }

    /// <summary>Pods with the desired template.</summary>
    public int? UpdatedReplicas { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
