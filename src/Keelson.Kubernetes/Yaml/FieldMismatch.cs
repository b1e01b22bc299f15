using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Yaml;

/// <summary>
/// Explains a <see cref="JsonException"/> from reading an object into its model: which field, what it
/// should be, what it is, and how to write it, e.g. <c>spec.replicas must be an integer (int32), not the string "three"</c>.
/// </summary>
internal sealed class FieldMismatch
{
    // Map keys such as app.kubernetes.io/name are shown as labels["app.kubernetes.io/name"], not as more path segments.
    private static readonly SearchValues<char> NeedsBrackets = SearchValues.Create("./ []\"");

    private FieldMismatch(JsonNode? node, string problem, string fix)
    {
        Node = node;
        Problem = problem;
        Fix = fix;
    }

    /// <summary>The offending value, or the nearest node above it.</summary>
    public JsonNode? Node { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    /// <summary>What to do.</summary>
    public string Fix { get; }

    /// <summary>Explains <paramref name="error"/>, raised reading <paramref name="root"/> as <paramref name="modelType"/>.</summary>
    /// <param name="error">The serializer's error; its <see cref="JsonException.Path"/> locates the field.</param>
    /// <param name="root">The object that was read.</param>
    /// <param name="modelType">The model it was read into.</param>
    /// <param name="prefix">Path of <paramref name="root"/> within its document, e.g. <c>items[2].</c>, or empty.</param>
    public static FieldMismatch Explain(JsonException error, JsonObject root, Type modelType, string prefix)
    {
        var segments = ParsePath(error.Path ?? "$");
        JsonNode? node = root;
        JsonNode? deepest = root;
        JsonTypeInfo? type = KubernetesJson.Options.GetTypeInfo(modelType);
        var field = new StringBuilder(prefix);
        foreach (var segment in segments)
        {
            field.Append(segment switch
            {
                int index => $"[{index}]",
                string name when name.AsSpan().IndexOfAny(NeedsBrackets) >= 0 => $"[{JsonSerializer.Serialize(name)}]",
                _ when field.Length == 0 || field[^1] == '.' => segment,
                _ => $".{segment}",
            });
            node = (node, segment) switch
            {
                (JsonObject obj, string name) => obj[name],
                (JsonArray array, int position) when position < array.Count => array[position],
                _ => null,
            };
            deepest = node ?? deepest;
            type = type is null ? null : Child(type, segment);
        }

        if (type is null || node is null)
        {
            return new FieldMismatch(deepest, $"{Described(field)}cannot be read: {error.Message}", "Correct the value at that line.");
        }

        var expected = Expected(type);
        return new FieldMismatch(
            node,
            $"{Described(field)}must be {expected.Description}, not {JsonNodeDescription.Of(node)}",
            expected.Fix);
    }

    private static string Described(StringBuilder field) => field.Length == 0 ? "the object " : $"{field.ToString().TrimEnd('.')} ";

    private static JsonTypeInfo? Child(JsonTypeInfo type, object segment)
    {
        var childType = (type.Kind, segment) switch
        {
            (JsonTypeInfoKind.Object, string name) => type.Properties.FirstOrDefault(p => p.Name == name && !p.IsExtensionData)?.PropertyType,
            (JsonTypeInfoKind.Dictionary, string) => type.ElementType,
            (JsonTypeInfoKind.Enumerable, int) => type.ElementType,
            _ => null,
        };
        return childType is null ? null : KubernetesJson.Options.GetTypeInfo(Nullable.GetUnderlyingType(childType) ?? childType);
    }

    private static (string Description, string Fix) Expected(JsonTypeInfo type) => type.Type switch
    {
        var t when t == typeof(string) => ("a string", "Quote the value so it stays a string, e.g. \"1.30\" or \"true\"."),
        var t when t == typeof(int) => ("an integer (int32)", "Write a whole number without quotes."),
        var t when t == typeof(long) => ("an integer (int64)", "Write a whole number without quotes."),
        var t when t == typeof(bool) => ("true or false", "Write true or false without quotes."),
        var t when t == typeof(DateTimeOffset) => ("an RFC 3339 time", "Write a time such as 2024-05-01T12:00:00Z."),
        var t when t == typeof(Quantity) => ("a quantity", "Write a quantity such as 500m, 2 or 1Gi."),
        var t when t == typeof(IntOrString) => ("an integer or a string", "Write a number such as 8080 or a string such as http or 25%."),
        var t when t == typeof(byte[]) => ("base64-encoded data", "Encode the value with base64, or use stringData for plain text."),
        _ => type.Kind switch
        {
            JsonTypeInfoKind.Enumerable => ("a list", "Write the items as a list, one per line starting with '- '."),
            JsonTypeInfoKind.Dictionary => ("a map", "Write the entries as 'key: value' lines indented under the field."),
            _ => ("an object", "Write the fields of the object indented under it."),
        },
    };

    // System.Text.Json paths: $.spec.replicas, $.spec.containers[0].image, $.metadata.labels['app.kubernetes.io/name'].
    private static List<object> ParsePath(string path)
    {
        var segments = new List<object>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var name = new StringBuilder();
                for (i += 2; i < path.Length && !path.AsSpan(i).StartsWith("']"); i++)
                {
                    if (path[i] == '\\' && i + 1 < path.Length)
                    {
                        i++;
                    }

                    name.Append(path[i]);
                }

                segments.Add(name.ToString());
                i += 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length : end;
                segments.Add(int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index) ? index : path[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return segments;
    }
}
