using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>The operating system of a pod.</summary>
public sealed class PodOS
{
    /// <summary><c>linux</c> or <c>windows</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
