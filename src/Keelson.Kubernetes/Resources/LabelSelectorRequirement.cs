using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>One requirement of a <see cref="LabelSelector"/> (<c>meta/v1 LabelSelectorRequirement</c>).</summary>
public sealed class LabelSelectorRequirement
{
    /// <summary>The label key the requirement applies to.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// How the label relates to <see cref="Values"/>: <c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c>.
    /// Kept as text so that an unknown operator survives a round trip and is reported where it is evaluated.
    /// </summary>
    public string? Operator { get; set; }

    /// <summary>The values; non-empty for <c>In</c> and <c>NotIn</c>, empty for <c>Exists</c> and <c>DoesNotExist</c>.</summary>
    public List<string>? Values { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
