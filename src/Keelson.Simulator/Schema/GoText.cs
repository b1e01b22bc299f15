using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Simulator.Schema;

/// <summary>How Go's fmt prints values, for messages that quote kube-apiserver word for word.</summary>
internal static class GoText
{
    /// <summary>Go's <c>%q</c> of a string (<c>strconv.Quote</c>).</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < 0x20 or 0x7f:
                    builder.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    break;
                default:
                    builder.Append(rune.ToString());
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A string as Go's encoding/json writes it, including its HTML-safe escapes of <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>.</summary>
    public static string JsonString(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Compact JSON as Go's encoding/json writes a decoded object: map keys sorted, HTML-safe string escapes.</summary>
    public static string Json(JsonNode? node)
    {
        var builder = new StringBuilder();
        AppendJson(builder, node);
        return builder.ToString();
    }

    private static void AppendJson(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, member) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(first ? "" : ",").Append(JsonString(key)).Append(':');
                    AppendJson(builder, member);
                    first = false;
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ",");
                    AppendJson(builder, array[i]);
                }

                builder.Append(']');
                break;
            default:
                builder.Append(node.GetValueKind() == JsonValueKind.String ? JsonString(node.GetValue<string>()) : node.ToJsonString());
                break;
        }
    }

    /// <summary>Go's <c>%v</c> of a decoded JSON value (<c>map[a:1 b:[x y]]</c>, <c>&lt;nil&gt;</c>).</summary>
    public static string Format(JsonNode? node)
    {
        var builder = new StringBuilder();
        Append(builder, node);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("<nil>");
                break;
            case JsonObject obj:
                builder.Append("map[");
                var first = true;
                foreach (var (key, member) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(first ? "" : " ").Append(key).Append(':');
                    Append(builder, member);
                    first = false;
                }

                builder.Append(']');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? "" : " ");
                    Append(builder, array[i]);
                }

                builder.Append(']');
                break;
            default:
                var value = (JsonValue)node;
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        builder.Append(value.GetValue<string>());
                        break;
                    case JsonValueKind.Number:
                        var raw = value.ToJsonString();
                        builder.Append(long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                            ? whole.ToString(CultureInfo.InvariantCulture)
                            : FormatFloat(double.Parse(raw, CultureInfo.InvariantCulture)));
                        break;
                    default:
                        builder.Append(value.GetValueKind() == JsonValueKind.True ? "true" : "false");
                        break;
                }

                break;
        }
    }

    private static string FormatFloat(double value)
    {
        // Go's %v uses the shortest representation, switching to exponent form below 1e-4 and from 1e21.
        var magnitude = Math.Abs(value);
        if (magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e21))
        {
            var text = value.ToString("E16", CultureInfo.InvariantCulture);
            var shortest = value.ToString("R", CultureInfo.InvariantCulture);
            var mantissa = shortest.Contains('E', StringComparison.Ordinal) ? shortest[..shortest.IndexOf('E', StringComparison.Ordinal)] : text[..text.IndexOf('E', StringComparison.Ordinal)].TrimEnd('0').TrimEnd('.');
            var exponent = int.Parse(text[(text.IndexOf('E', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
            return $"{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }
}
