using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A weighted pod affinity term.</summary>
public sealed class WeightedPodAffinityTerm
{
    /// <summary>The term.</summary>
    public PodAffinityTerm? PodAffinityTerm { get; set; }

    /// <summary>Weight in the range 1-100.</summary>
    public int? Weight { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
