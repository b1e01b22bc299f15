using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>How a <see cref="Job"/> treats pod failures.</summary>
public sealed class PodFailurePolicy
{
    /// <summary>Rules evaluated in order; the first match decides.</summary>
    public List<PodFailurePolicyRule>? Rules { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
