using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Simulator.Store;

/// <summary>Reading dotted field paths out of objects and writing objects as the API server does.</summary>
public static class JsonPaths
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // kube-apiserver does not escape '<', '>', '&' or non-ASCII text; neither do we.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The scalar at a dotted path (<c>spec.nodeName</c>) as text, or null when absent.</summary>
    public static string? Scalar(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = (node as JsonObject)?[part];
            if (node is null)
            {
                return null;
            }
        }

        return node is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => value.ToJsonString(),
            }
            : null;
    }

    /// <summary>Serializes a node to UTF-8 JSON without escaping what the API server leaves as is.</summary>
    public static byte[] Serialize(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
