using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Current scale of a workload.</summary>
public sealed class ScaleStatus
{
    /// <summary>Observed number of pods.</summary>
    public int? Replicas { get; set; }

    /// <summary>Label selector of the pods in its string form, e.g. <c>app=web</c>.</summary>
    public string? Selector { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
