using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>The pods a workload creates: their metadata and spec (core/v1 PodTemplateSpec).</summary>
public sealed class PodTemplateSpec
{
    /// <summary>Labels and annotations of the created pods.</summary>
    public ObjectMeta? Metadata { get; set; }

    /// <summary>Specification of the created pods.</summary>
    public PodSpec? Spec { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
