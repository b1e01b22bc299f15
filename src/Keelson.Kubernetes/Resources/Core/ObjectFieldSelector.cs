using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Selects a field of the pod.</summary>
public sealed class ObjectFieldSelector
{
    /// <summary>API version the field path is written in; <c>v1</c> by default.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Path of the field, e.g. <c>metadata.labels['app']</c>.</summary>
    public string? FieldPath { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
