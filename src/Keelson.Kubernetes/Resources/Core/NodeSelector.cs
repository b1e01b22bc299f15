using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Terms of which a node must match at least one.</summary>
public sealed class NodeSelector
{
    /// <summary>The terms, ORed.</summary>
    public List<NodeSelectorTerm>? NodeSelectorTerms { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
