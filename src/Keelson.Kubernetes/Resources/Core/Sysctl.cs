using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A kernel parameter set for a pod.</summary>
public sealed class Sysctl
{
    /// <summary>Name of the parameter.</summary>
    public string? Name { get; set; }

    /// <summary>Value of the parameter.</summary>
    public string? Value { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
