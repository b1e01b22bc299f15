using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Pods a pod wants to run near.</summary>
public sealed class PodAffinity
{
    /// <summary>Weighted preferences.</summary>
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }

    /// <summary>Terms that must all hold at scheduling time.</summary>
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
