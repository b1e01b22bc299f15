using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Kubernetes.Yaml;

/// <summary>Describes a JSON value for an error message: <c>a map</c>, <c>a list</c>, <c>the string "three"</c>, <c>the number 1.3</c>, <c>the boolean true</c>.</summary>
internal static class JsonNodeDescription
{
    /// <summary>A short description of <paramref name="node"/>.</summary>
    public static string Of(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a map",
        JsonArray => "a list",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => $"the string {Shortened(value.ToJsonString())}",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => $"the number {value.ToJsonString()}",
        _ => $"the boolean {node.ToJsonString()}",
    };

    private static string Shortened(string quoted) => quoted.Length <= 60 ? quoted : $"{quoted[..56]}...\"";
}
