using System.Text.Json.Nodes;

namespace Keelson.Simulator.Patching;

/// <summary>Small operations on JSON trees the patch engines share.</summary>
internal static class JsonTree
{
    /// <summary>The node itself when it belongs to no container, else a copy, so it can be placed in another one.</summary>
    public static JsonNode? Own(JsonNode? node) => node is null || node.Parent is null ? node : node.DeepClone();

    /// <summary>Whether two values are equal as JSON (object key order and number spelling do not matter).</summary>
    public static bool Same(JsonNode? left, JsonNode? right) => JsonNode.DeepEquals(left, right);

    /// <summary>Removes null members from objects, recursively, as a patch value is added to an object.</summary>
    public static void DropNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, value) in obj)
                {
                    DropNulls(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    DropNulls(item);
                }

                break;
        }
    }

    /// <summary>Compact JSON with object keys sorted, as Go marshals a decoded map.</summary>
    public static string SortedJson(JsonNode? node) => Sorted(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
