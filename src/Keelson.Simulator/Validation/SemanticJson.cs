using System.Text.Json.Nodes;

namespace Keelson.Simulator.Validation;

/// <summary>
/// Equality in the sense of apimachinery's <c>Semantic.DeepEqual</c> on objects decoded from JSON: a field that is
/// absent, null or holds its zero value ("", 0, false, [], {}) is the same as any other of those.
/// </summary>
internal static class SemanticJson
{
    public static bool AreEqual(JsonNode? left, JsonNode? right) => JsonNode.DeepEquals(Normalize(left), Normalize(right));

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    if (Normalize(value) is { } normalized)
                    {
                        result[key] = normalized;
                    }
                }

                return result.Count == 0 ? null : result;
            case JsonArray array:
                return array.Count == 0 ? null : new JsonArray([.. array.Select(item => Normalize(item) ?? new JsonObject())]);
            case JsonValue value:
                if ((value.TryGetValue<string>(out var text) && text.Length == 0)
                    || (value.TryGetValue<bool>(out var flag) && !flag)
                    || Tables.JsonObjectExtensions.AsInt64(value) == 0)
                {
                    return null;
                }

                return value.DeepClone();
            default:
                return null;
        }
    }
}
