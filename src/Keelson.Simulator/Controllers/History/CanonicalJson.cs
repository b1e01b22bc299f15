using System.Text.Json.Nodes;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.History;

/// <summary>
/// JSON with object keys sorted at every level, as Go writes a decoded map: the form kube stores
/// revision data in and compares it by, byte for byte.
/// </summary>
public static class CanonicalJson
{
    /// <summary>A copy of <paramref name="node"/> with every object's keys in ordinal order.</summary>
    public static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    /// <summary>The canonical UTF-8 bytes of <paramref name="node"/>.</summary>
    public static byte[] Bytes(JsonNode node) => JsonPaths.Serialize(Sorted(node)!);
}
