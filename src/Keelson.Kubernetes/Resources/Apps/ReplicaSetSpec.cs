using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Desired state of a <see cref="ReplicaSet"/>.</summary>
public sealed class ReplicaSetSpec
{
    /// <summary>Seconds a new pod must be ready without crashing to count as available.</summary>
    public int? MinReadySeconds { get; set; }

    /// <summary>Desired number of pods.</summary>
    public int? Replicas { get; set; }

    /// <summary>Selects the replica set's pods; must match the template's labels.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary>The pods the replica set creates.</summary>
    public PodTemplateSpec? Template { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
