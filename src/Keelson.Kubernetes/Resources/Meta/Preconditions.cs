using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Conditions a delete must meet (meta/v1 Preconditions).</summary>
public sealed class Preconditions
{
    /// <summary>The object's resource version must equal this.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>The object's UID must equal this.</summary>
    public string? Uid { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
