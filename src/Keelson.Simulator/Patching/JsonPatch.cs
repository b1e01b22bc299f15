using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Simulator.Patching;

/// <summary>
/// RFC 6902 JSON patch with RFC 6901 pointers, applied as evanphx/json-patch v4 does for kube-apiserver
/// (negative array indices count from the end; <c>test</c> of a missing path passes only against null).
/// </summary>
internal static class JsonPatch
{
    /// <summary>The most operations kube-apiserver accepts in one patch.</summary>
    public const int MaxOperations = 10000;

    /// <summary>Applies the operations to <paramref name="document"/> in place.</summary>
    /// <exception cref="PatchException">422: an operation does not apply.</exception>
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var root = new JsonObject { ["doc"] = JsonTree.Own(document) };
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op)
            {
                throw PatchException.DoesNotApply();
            }

            var kind = Text(op, "op");
            var path = Text(op, "path") ?? throw PatchException.DoesNotApply();
            switch (kind)
            {
                case "add":
                    Add(root, path, op["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Replace(root, path, op["value"]?.DeepClone());
                    break;
                case "move":
                    var moved = Remove(root, Text(op, "from") ?? throw PatchException.DoesNotApply());
                    Add(root, path, moved);
                    break;
                case "copy":
                    var copied = Get(root, Text(op, "from") ?? throw PatchException.DoesNotApply(), out var found);
                    if (!found)
                    {
                        throw PatchException.DoesNotApply();
                    }

                    Add(root, path, copied?.DeepClone());
                    break;
                case "test":
                    var actual = Get(root, path, out var exists);
                    var expected = op["value"];
                    if (exists ? !JsonTree.Same(actual, expected) : expected is not null)
                    {
                        throw PatchException.DoesNotApply();
                    }

                    break;
                default:
                    throw PatchException.DoesNotApply();
            }
        }

        return root["doc"] ?? throw PatchException.DoesNotApply();
    }

    private static string? Text(JsonObject op, string name) =>
        op[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static (JsonNode? Container, string Key) Parent(JsonObject root, string path)
    {
        // evanphx v4 addresses the document through a synthetic root, so "" cannot be targeted.
        if (path.Length == 0 || path[0] != '/')
        {
            throw PatchException.DoesNotApply();
        }

        var parts = path[1..].Split('/').Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        JsonNode? container = root["doc"];
        for (var i = 0; i < parts.Count - 1; i++)
        {
            container = container switch
            {
                JsonObject obj when obj.TryGetPropertyValue(parts[i], out var child) => child,
                JsonArray array when Index(parts[i], array.Count) is { } index => array[index],
                _ => throw PatchException.DoesNotApply(),
            };
        }

        return (container, parts[^1]);
    }

    private static JsonNode? Get(JsonObject root, string path, out bool found)
    {
        var (container, key) = Parent(root, path);
        switch (container)
        {
            case JsonObject obj when obj.TryGetPropertyValue(key, out var value):
                found = true;
                return value;
            case JsonArray array when Index(key, array.Count) is { } index:
                found = true;
                return array[index];
            default:
                found = false;
                return null;
        }
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (container, key) = Parent(root, path);
        switch (container)
        {
            case JsonObject obj:
                obj[key] = value;
                break;
            case JsonArray array when key == "-":
                array.Add(value);
                break;
            case JsonArray array when Index(key, array.Count + 1) is { } index:
                array.Insert(index, value);
                break;
            default:
                throw PatchException.DoesNotApply();
        }
    }

    private static JsonNode? Remove(JsonObject root, string path)
    {
        var (container, key) = Parent(root, path);
        switch (container)
        {
            case JsonObject obj when obj.TryGetPropertyValue(key, out var value):
                obj.Remove(key);
                return value;
            case JsonArray array when Index(key, array.Count) is { } index:
                var removed = array[index];
                array.RemoveAt(index);
                return removed;
            default:
                throw PatchException.DoesNotApply();
        }
    }

    private static void Replace(JsonObject root, string path, JsonNode? value)
    {
        var (container, key) = Parent(root, path);
        switch (container)
        {
            case JsonObject obj when obj.ContainsKey(key):
                obj[key] = value;
                break;
            case JsonArray array when Index(key, array.Count) is { } index:
                array[index] = value;
                break;
            default:
                throw PatchException.DoesNotApply();
        }
    }

    private static int? Index(string token, int count)
    {
        if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return null;
        }

        if (index < 0)
        {
            index += count;
        }

        return index >= 0 && index < count ? index : null;
    }
}
