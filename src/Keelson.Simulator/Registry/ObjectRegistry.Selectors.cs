using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Selectors;

namespace Keelson.Simulator.Registry;

/// <summary>meta/v1 LabelSelector objects as they appear in specs (PDBs, workloads, services).</summary>
public sealed partial class ObjectRegistry
{
    /// <summary>The matcher of a selector object; a missing selector matches nothing, an empty one everything.</summary>
    internal static LabelMatcher Matcher(JsonObject? selector)
    {
        try
        {
            return LabelMatcher.FromSelector(selector?.Deserialize<LabelSelector>(KubernetesJson.Options));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return LabelMatcher.Nothing; // validation reports a bad selector; until then it selects nothing
        }
    }

    internal static bool SelectorMatches(JsonObject? selector, IReadOnlyDictionary<string, string>? labels) => Matcher(selector).Matches(labels);

    /// <summary>The string form of a selector object, as the scale subresource reports it.</summary>
    internal static string SelectorText(JsonObject? selector) => Matcher(selector).ToString();
}
