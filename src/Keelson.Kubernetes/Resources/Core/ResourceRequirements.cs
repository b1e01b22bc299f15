using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Compute resources of a container.</summary>
public sealed class ResourceRequirements
{
    /// <summary>The most of each resource the container may use.</summary>
    public Dictionary<string, Quantity>? Limits { get; set; }

    /// <summary>The least of each resource the container needs; used for scheduling.</summary>
    public Dictionary<string, Quantity>? Requests { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
