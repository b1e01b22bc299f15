using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>
/// One requirement of a <see cref="LabelSelector"/>: a key, an operator and values.
/// PLACEHOLDER: replaced by the primitives branch.
/// </summary>
public sealed class LabelSelectorRequirement
{
    /// <summary>The label key the requirement applies to.</summary>
    public string? Key { get; set; }

    /// <summary><c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c>.</summary>
    public string? Operator { get; set; }

    /// <summary>The values for <c>In</c> and <c>NotIn</c>; empty for the others.</summary>
    public List<string>? Values { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
