using System.Text.Json.Nodes;

namespace Keelson.Simulator.Registry;

/// <summary>meta/v1 LabelSelector objects as they appear in specs (PDBs, workloads).</summary>
public sealed partial class ObjectRegistry
{
    // PLACEHOLDER: replaced by Keelson.Kubernetes.Selectors.LabelMatcher when it lands on main.
    internal static bool SelectorMatches(JsonObject? selector, IReadOnlyDictionary<string, string>? labels)
    {
        if (selector is null)
        {
            return false;
        }

        foreach (var (key, value) in selector["matchLabels"] as JsonObject ?? [])
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value?.GetValue<string>())
            {
                return false;
            }
        }

        return true;
    }

    // PLACEHOLDER: replaced by LabelMatcher.FromSelector(...).ToString().
    internal static string SelectorText(JsonObject? selector) =>
        string.Join(",", (selector?["matchLabels"] as JsonObject ?? []).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
