using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>
/// Any Kubernetes object: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c>, and every other field.
/// Fields a model does not declare are kept in <see cref="ExtensionData"/> and written back
/// unchanged, so a read-modify-write never drops what a newer server added.
/// </summary>
public abstract class KubernetesObject
{
    /// <summary>The object's API version, e.g. <c>apps/v1</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The object's kind, e.g. <c>Deployment</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>Name, namespace, labels, annotations, owners and the server's bookkeeping.</summary>
    public ObjectMeta Metadata { get; set; } = new();

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary><c>namespace/name</c>, or <c>name</c> for cluster-scoped objects: the key caches use.</summary>
    [JsonIgnore]
    public string Key => Metadata.Namespace is { Length: > 0 } ns ? $"{ns}/{Metadata.Name}" : Metadata.Name ?? "";
}
