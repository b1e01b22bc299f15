using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Parameters of a stateful set's rolling update; the alpha <c>maxUnavailable</c> stays in <see cref="ExtensionData"/>.</summary>
public sealed class RollingUpdateStatefulSetStrategy
{
    /// <summary>Only pods with an ordinal at or above this number are updated.</summary>
    public int? Partition { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
