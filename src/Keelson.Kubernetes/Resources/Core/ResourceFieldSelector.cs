using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Selects a container resource: a limit or request.</summary>
public sealed class ResourceFieldSelector
{
    /// <summary>The container; required for volumes, optional for environment variables.</summary>
    public string? ContainerName { get; set; }

    /// <summary>The unit the value is expressed in; <c>1</c> by default.</summary>
    public Quantity? Divisor { get; set; }

    /// <summary>The resource, e.g. <c>limits.cpu</c> or <c>requests.memory</c>.</summary>
    public string? Resource { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
