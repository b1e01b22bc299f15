using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Points at an object by name in the same namespace (core/v1 LocalObjectReference).</summary>
public sealed class LocalObjectReference
{
    /// <summary>Name of the referent.</summary>
    public string? Name { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
