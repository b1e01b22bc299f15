using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Kubernetes.Tests.Resources.Models;

/// <summary>
/// Compares JSON the way the API server reads it: key order does not matter, and a field set to
/// null means the same as an absent field (Go decodes both to the zero value). Kubernetes 1.30
/// writes <c>"creationTimestamp": null</c> in pod templates; the models drop it, which is the same object.
/// </summary>
internal static class JsonSemantics
{
    /// <summary>Canonical text: keys sorted ordinally, null-valued fields removed, indented so a failing assert shows a readable diff.</summary>
    public static string Canonical(JsonNode? node) =>
        Normalize(node)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";

    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .Where(p => p.Value is not null)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Normalize)]),
        null => null,
        _ => node.DeepClone(),
    };
}
