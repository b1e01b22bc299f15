using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Scheduling constraints of a pod.</summary>
public sealed class Affinity
{
    /// <summary>Nodes the pod is attracted to.</summary>
    public NodeAffinity? NodeAffinity { get; set; }

    /// <summary>Pods the pod wants to run near.</summary>
    public PodAffinity? PodAffinity { get; set; }

    /// <summary>Pods the pod wants to keep away from.</summary>
    public PodAntiAffinity? PodAntiAffinity { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
