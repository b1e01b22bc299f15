using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A weighted node preference.</summary>
public sealed class PreferredSchedulingTerm
{
    /// <summary>The node requirements.</summary>
    public NodeSelectorTerm? Preference { get; set; }

    /// <summary>Weight in the range 1-100.</summary>
    public int? Weight { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
