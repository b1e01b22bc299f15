using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A list response, e.g. <c>PodList</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class KubernetesList<T>
{
    /// <summary>API version of the list.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Kind of the list, e.g. <c>PodList</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>Resource version and continue token.</summary>
    public ListMeta Metadata { get; set; } = new();

    /// <summary>The items of this page.</summary>
    public List<T> Items { get; set; } = [];

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
