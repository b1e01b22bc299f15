using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A requirement on a node label or field.</summary>
public sealed class NodeSelectorRequirement
{
    /// <summary>The label key or field name.</summary>
    public string? Key { get; set; }

    /// <summary><c>In</c>, <c>NotIn</c>, <c>Exists</c>, <c>DoesNotExist</c>, <c>Gt</c> or <c>Lt</c>.</summary>
    public string? Operator { get; set; }

    /// <summary>The values the operator compares with.</summary>
    public List<string>? Values { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
