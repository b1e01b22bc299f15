using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>The JSON conventions of the Kubernetes API: camelCase fields, absent rather than null, RFC 3339 times.</summary>
public static class KubernetesJson
{
    /// <summary>Options for every (de)serialization of API objects.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // The API server writes '<', '>' and '&' unescaped; so must we, or round trips change annotations.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
        };
        options.Converters.Add(new TimeJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Serializes an object to UTF-8 JSON bytes.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Serializes an object to a JSON string.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserializes UTF-8 JSON bytes.</summary>
    /// <exception cref="JsonException">The JSON does not fit <typeparamref name="T"/>.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<T>(utf8Json, Options) ?? throw new JsonException($"expected a {typeof(T).Name}, got null");

    /// <summary>Deserializes a JSON string.</summary>
    /// <exception cref="JsonException">The JSON does not fit <typeparamref name="T"/>.</exception>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"expected a {typeof(T).Name}, got null");
}
