using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Points at the object that owns this one.</summary>
public sealed class OwnerReference
{
    /// <summary>API version of the owner.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Kind of the owner.</summary>
    public string? Kind { get; set; }

    /// <summary>Name of the owner.</summary>
    public string? Name { get; set; }

    /// <summary>UID of the owner.</summary>
    public string? Uid { get; set; }

    /// <summary>Whether the owner is the managing controller.</summary>
    public bool? Controller { get; set; }

    /// <summary>Whether foreground deletion of the owner waits for this object.</summary>
    public bool? BlockOwnerDeletion { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
