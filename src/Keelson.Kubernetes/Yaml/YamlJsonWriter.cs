using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Keelson.Kubernetes.Yaml;

/// <summary>
/// Writes JSON as YAML the way <c>kubectl get -o yaml</c> prints it (sigs.k8s.io/yaml over go-yaml v2):
/// block style, keys in go-yaml's order, list items at their parent's indentation, lines folded at 80
/// columns, multi-line strings as literal blocks, and a string quoted only when it would otherwise read
/// back as something else (<c>"true"</c>, <c>"1.30"</c>, <c>"0123"</c>, <c>""</c>). One known difference:
/// inside double quotes a tab is written as is, where go-yaml writes <c>\t</c>; both read back the same.
/// </summary>
internal static partial class YamlJsonWriter
{
    // go-yaml: 2-space indentation, 80-column lines, keys longer than 128 characters written as "? key".
    private static readonly EmitterSettings Settings = new(2, 80, false, 128, newLine: "\n");

    /// <summary>One YAML document holding <paramref name="node"/>, ending in a newline.</summary>
    public static string Write(JsonNode? node)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        WriteNode(emitter, node);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void WriteNode(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject mapping:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, mapping.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in mapping.OrderBy(p => p.Key, YamlKeyOrder.Instance))
                {
                    WriteString(emitter, key);
                    WriteNode(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray sequence:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, sequence.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in sequence)
                {
                    WriteNode(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                WriteString(emitter, value.GetValue<string>());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                WritePlain(emitter, Number(value.ToJsonString()));
                break;
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                WritePlain(emitter, value.GetValueKind() == JsonValueKind.True ? "true" : "false");
                break;
            default:
                WritePlain(emitter, "null");
                break;
        }
    }

    private static void WritePlain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false));

    private static void WriteString(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, StyleOf(text), true, true));

    // go-yaml asks for a literal block when there is a line break, plain when the text would read back as
    // a string, double quotes otherwise; its emitter then falls back (plain to single quotes, anything to
    // double quotes) where the text cannot be written that way. YamlDotNet makes the plain-to-single
    // decision itself; the others are made here because YamlDotNet would write a literal block that loses
    // a carriage return or a trailing space.
    private static ScalarStyle StyleOf(string text)
    {
        if (!IsPrintable(text))
        {
            return ScalarStyle.DoubleQuoted;
        }

        if (text.Contains('\n', StringComparison.Ordinal))
        {
            var blockAllowed = !text.EndsWith(' ') && !text.Contains(" \n", StringComparison.Ordinal) && text.Trim('\n').Length > 0;
            return blockAllowed ? ScalarStyle.Literal : ScalarStyle.DoubleQuoted;
        }

        return YamlScalar.IsPlainString(text) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted;
    }

    // The characters go-yaml writes unescaped: line feed, printable ASCII, and the printable part of the
    // Basic Multilingual Plane (no byte-order mark, no NEL). Everything else (tabs, carriage returns,
    // control characters, emoji) forces double quotes with escapes.
    private static bool IsPrintable(string text)
    {
        foreach (var c in text)
        {
            var printable = c == '\n' || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
            if (!printable)
            {
                return false;
            }
        }

        return true;
    }

    // kubectl prints a number the way it came through Go: an integer literal as is; a float as Go's JSON
    // encoder writes it (1e6 as 1000000) read back by go-yaml, so whole floats within uint64 print as
    // integers and the rest as Go's %g (1.5, 1e-05, 1e+21).
    private static string Number(string json)
    {
        if (IntegerLiteral().IsMatch(json))
        {
            if (long.TryParse(json, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return integer.ToString(CultureInfo.InvariantCulture);
            }

            if (ulong.TryParse(json, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned))
            {
                return unsigned.ToString(CultureInfo.InvariantCulture);
            }
        }

        var value = double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture);
        return Math.Floor(value) != value || Math.Abs(value) >= 1e21 ? GoFloatFormat.Format(value, single: false)
            : value >= long.MinValue && value < long.MaxValue ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value >= 0 && value < ulong.MaxValue ? ((ulong)value).ToString(CultureInfo.InvariantCulture)
            : GoFloatFormat.Format(value, single: false);
    }

    [GeneratedRegex("^-?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerLiteral();
}
