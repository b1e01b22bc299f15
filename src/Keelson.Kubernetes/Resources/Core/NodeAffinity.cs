using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Nodes a pod is attracted to.</summary>
public sealed class NodeAffinity
{
    /// <summary>Weighted preferences; the scheduler favours nodes matching more weight.</summary>
    public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }

    /// <summary>Terms a node must match for the pod to be scheduled on it.</summary>
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
