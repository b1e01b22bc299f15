using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Desired state of a <see cref="Namespace"/>.</summary>
public sealed class NamespaceSpec
{
    /// <summary>Must be empty before the namespace is removed from storage.</summary>
    public List<string>? Finalizers { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
