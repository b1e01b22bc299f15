using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>
/// Label maps and label selectors written as apimachinery writes them in table cells
/// (<c>labels.FormatLabels</c>, <c>metav1.FormatLabelSelector</c>, <c>labels.Selector.String</c>).
/// </summary>
internal static class LabelFormatter
{
    /// <summary><c>a=1,b=2</c> sorted by key, or <c>&lt;none&gt;</c> for an empty or absent map.</summary>
    public static string FormatLabels(JsonObject? labels)
    {
        if (labels is null || labels.Count == 0)
        {
            return "<none>";
        }

        return string.Join(",", labels
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key}={(pair.Value is JsonValue value && value.TryGetValue<string>(out var text) ? text : "")}"));
    }

    /// <summary>
    /// <c>metav1.FormatLabelSelector</c>: the selector string, <c>&lt;none&gt;</c> when it selects everything or
    /// nothing, <c>&lt;error&gt;</c> when it cannot be parsed.
    /// </summary>
    public static string FormatLabelSelector(JsonObject? selector)
    {
        if (!TrySelectorString(selector, out var text))
        {
            return "<error>";
        }

        return text.Length == 0 ? "<none>" : text;
    }

    /// <summary>
    /// <c>LabelSelectorAsSelector(selector).String()</c>: requirements sorted by key, <c>k=v</c>,
    /// <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c>, <c>!k</c>; empty for a nil or empty selector.
    /// </summary>
    public static bool TrySelectorString(JsonObject? selector, out string text)
    {
        text = "";
        if (selector is null)
        {
            return true;
        }

        var requirements = new List<(string Key, string Text)>();
        if (selector.GetObject("matchLabels") is { } matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                var labelValue = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
                requirements.Add((key, $"{key}={labelValue}"));
            }
        }

        foreach (var expression in selector.GetArray("matchExpressions").Objects())
        {
            var key = expression.GetStringOrEmpty("key");
            var values = expression.GetArray("values")?
                .Select(node => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "")
                .ToList() ?? [];
            values.Sort(StringComparer.Ordinal);
            var operatorName = expression.GetStringOrEmpty("operator");
            switch (operatorName)
            {
                case "In" or "NotIn" when values.Count == 0:
                case "Exists" or "DoesNotExist" when values.Count != 0:
                    return false;
                case "In":
                    requirements.Add((key, $"{key} in ({string.Join(",", values)})"));
                    break;
                case "NotIn":
                    requirements.Add((key, $"{key} notin ({string.Join(",", values)})"));
                    break;
                case "Exists":
                    requirements.Add((key, key));
                    break;
                case "DoesNotExist":
                    requirements.Add((key, "!" + key));
                    break;
                default:
                    return false;
            }
        }

        text = string.Join(",", requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
        return true;
    }
}
