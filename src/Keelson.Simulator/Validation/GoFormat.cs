using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Validation;

/// <summary>
/// Values written the way Go's <c>fmt</c> writes them in kube-apiserver's validation messages: numbers plain,
/// strings as <c>%q</c>, maps, slices and label selectors as <c>%#v</c>.
/// </summary>
internal static class GoFormat
{
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Go's <c>strconv.Quote</c>: double quotes, backslash escapes for quotes and control characters.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                case < 0x20 or 0x7f:
                    builder.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    break;
                default:
                    if (Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned)
                    {
                        builder.Append(rune.Value > 0xFFFF
                            ? string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}")
                            : string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}"));
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary><c>map[string]string{"a":"1", "b":"2"}</c> (keys sorted), or <c>map[string]string(nil)</c> when absent.</summary>
    public static string StringMap(JsonObject? map)
    {
        if (map is null)
        {
            return "map[string]string(nil)";
        }

        var pairs = map.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{Quote(pair.Key)}:{Quote(AsString(pair.Value))}");
        return "map[string]string{" + string.Join(", ", pairs) + "}";
    }

    /// <summary><c>[]string{"a", "b"}</c>, or <c>[]string(nil)</c> when absent.</summary>
    public static string StringSlice(JsonArray? items) =>
        items is null ? "[]string(nil)" : "[]string{" + string.Join(", ", items.Select(item => Quote(AsString(item)))) + "}";

    /// <summary>A <c>metav1.LabelSelector</c> as <c>%#v</c> prints it: <c>v1.LabelSelector{MatchLabels:..., MatchExpressions:...}</c>.</summary>
    public static string LabelSelector(JsonObject? selector)
    {
        var expressions = selector.GetArray("matchExpressions");
        var expressionText = expressions is null
            ? "[]v1.LabelSelectorRequirement(nil)"
            : "[]v1.LabelSelectorRequirement{" + string.Join(", ", expressions.Objects().Select(e =>
                $"v1.LabelSelectorRequirement{{Key:{Quote(e.GetStringOrEmpty("key"))}, Operator:{Quote(e.GetStringOrEmpty("operator"))}, Values:{StringSlice(e.GetArray("values"))}}}")) + "}";
        return $"v1.LabelSelector{{MatchLabels:{StringMap(selector.GetObject("matchLabels"))}, MatchExpressions:{expressionText}}}";
    }

    /// <summary>An <c>intstr.IntOrString</c> as <c>%#v</c> prints it.</summary>
    public static string IntOrString(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var text)
        ? $"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{Quote(text)}}}"
        : $"intstr.IntOrString{{Type:0, IntVal:{(value is JsonValue n ? JsonObjectExtensions.AsInt64(n) ?? 0 : 0)}, StrVal:\"\"}}";

    /// <summary>
    /// A pointer field inside a struct printed with <c>%#v</c>: <c>(*T)(nil)</c>, or <c>(*T)(0x...)</c> when set.
    /// Go prints the address, which differs on every run; the simulator prints a fixed one.
    /// </summary>
    public static string Pointer(string type, JsonNode? value) => value is null ? $"(*{type})(nil)" : $"(*{type})(0xc000000000)";

    /// <summary>A <c>metav1.Time</c> as its <c>String()</c> prints it (<c>2024-05-01 12:00:00 +0000 UTC</c>), or <c>null</c>.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0000 UTC" : "null";

    private static string AsString(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString() ?? "";
}
