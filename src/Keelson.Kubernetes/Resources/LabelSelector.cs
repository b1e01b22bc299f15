using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>
/// A label query over a set of objects (<c>meta/v1 LabelSelector</c>).
/// PLACEHOLDER: replaced by the primitives branch.
/// </summary>
public sealed class LabelSelector
{
    /// <summary>Labels an object must carry with exactly these values.</summary>
    public Dictionary<string, string>? MatchLabels { get; set; }

    /// <summary>Requirements an object's labels must all meet.</summary>
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
