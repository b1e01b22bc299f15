using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Requirements a node must all meet.</summary>
public sealed class NodeSelectorTerm
{
    /// <summary>Requirements on node labels.</summary>
    public List<NodeSelectorRequirement>? MatchExpressions { get; set; }

    /// <summary>Requirements on node fields.</summary>
    public List<NodeSelectorRequirement>? MatchFields { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
