using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Simulator.Schema;

/// <summary>
/// A request body parsed the way Go's encoding/json reads it: a repeated key keeps its last value, and every
/// repeat is remembered so strict field validation can report <c>duplicate field "metadata.name"</c>.
/// </summary>
internal sealed class JsonBody
{
    private const int MaxDepth = 1000;

    private readonly Dictionary<JsonObject, List<string>> _duplicates = new(ReferenceEqualityComparer.Instance);
    private readonly List<(string Key, int Line)> _duplicateLines = [];
    private int _line = 1;
    private long _lineCountedTo;

    private JsonBody()
    {
    }

    /// <summary>The parsed value; null for a JSON <c>null</c>.</summary>
    public JsonNode? Root { get; private set; }

    /// <summary>Every repeated key with the (1-based) line it was repeated on, in document order.</summary>
    public IReadOnlyList<(string Key, int Line)> DuplicateLines => _duplicateLines;

    /// <summary>The keys that appeared more than once in <paramref name="obj"/>, in the order of their repeats.</summary>
    public IReadOnlyList<string> DuplicateKeys(JsonObject obj) => _duplicates.TryGetValue(obj, out var keys) ? keys : [];

    /// <summary>Parses <paramref name="utf8Json"/>; on malformed JSON returns null and a message in Go's words.</summary>
    public static JsonBody? TryParse(ReadOnlySpan<byte> utf8Json, out string? error)
    {
        var body = new JsonBody();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            if (!reader.Read())
            {
                error = "unexpected end of JSON input";
                return null;
            }

            body.Root = body.ReadValue(ref reader, utf8Json);
            if (reader.Read())
            {
                error = $"invalid character {GoQuoteByte(utf8Json, (int)reader.TokenStartIndex)} after top-level value";
                return null;
            }
        }
        catch (JsonException)
        {
            // The reader stops before the token it could not read; what follows it tells a truncated body from a bad character.
            var rest = utf8Json[(int)Math.Min(reader.BytesConsumed, utf8Json.Length)..].TrimStart(" \t\r\n,:"u8);
            error = rest.IsEmpty
                ? "unexpected end of JSON input"
                : $"invalid character {GoQuoteByte(rest, 0)} looking for beginning of value";
            return null;
        }

        error = null;
        return body;
    }

    private JsonNode? ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    var keyStart = reader.TokenStartIndex;
                    reader.Read();
                    var value = ReadValue(ref reader, json);
                    if (obj.ContainsKey(key))
                    {
                        _duplicateLines.Add((key, LineOf(json, keyStart)));
                        obj[key] = value;
                        if (!_duplicates.TryGetValue(obj, out var keys))
                        {
                            _duplicates[obj] = keys = [];
                        }

                        keys.Add(key);
                    }
                    else
                    {
                        obj.Add(key, value);
                    }
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadValue(ref reader, json));
                }

                return array;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString()!);
            case JsonTokenType.Number:
                return JsonValue.Create(JsonElement.ParseValue(ref reader));
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    private int LineOf(ReadOnlySpan<byte> json, long offset)
    {
        // Repeats come in document order, so the count of newlines only ever moves forward.
        _line += json[(int)_lineCountedTo..(int)offset].Count((byte)'\n');
        _lineCountedTo = offset;
        return _line;
    }

    private static string GoQuoteByte(ReadOnlySpan<byte> json, int index) =>
        index < json.Length && json[index] is >= 0x20 and < 0x7f and not (byte)'\'' ? $"'{(char)json[index]}'" : "'\\x00'";
}
