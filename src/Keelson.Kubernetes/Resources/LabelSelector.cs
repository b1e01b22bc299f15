using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>
/// A label query over a set of objects (<c>meta/v1 LabelSelector</c>): every entry of <see cref="MatchLabels"/> and
/// <see cref="MatchExpressions"/> must hold. An empty selector matches everything; a missing (null) one matches nothing.
/// <c>Keelson.Kubernetes.Selectors.LabelMatcher.FromSelector</c> evaluates it.
/// </summary>
public sealed class LabelSelector
{
    /// <summary>Labels that must be present with exactly these values; each is the same as an <c>In</c> expression with one value.</summary>
    public Dictionary<string, string>? MatchLabels { get; set; }

    /// <summary>Requirements on labels, all of which must hold.</summary>
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
