using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A gate that holds a pod back from scheduling.</summary>
public sealed class PodSchedulingGate
{
    /// <summary>Name of the gate.</summary>
    public string? Name { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
