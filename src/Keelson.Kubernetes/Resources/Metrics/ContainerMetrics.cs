using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Resource usage of one container.</summary>
public sealed class ContainerMetrics
{
    /// <summary>Name of the container.</summary>
    public string? Name { get; set; }

    /// <summary>Resource usage, e.g. <c>cpu</c> and <c>memory</c>.</summary>
    public Dictionary<string, Quantity>? Usage { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
