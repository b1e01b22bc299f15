using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Keelson.Kubernetes.Resources;

namespace Keelson.Kubernetes.Watch;

/// <summary>
/// Splits a watch response into events. The API server writes one JSON object per line; the
/// network may cut that stream anywhere, so bytes are buffered until a whole line is present.
/// </summary>
public static class WatchStreamReader
{
    private const int InitialBufferSize = 64 * 1024;

    /// <summary>Reads events until the stream ends.</summary>
    /// <exception cref="JsonException">A line is not a watch event.</exception>
    public static async IAsyncEnumerable<WatchEvent<T>> ReadAsync<T>(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : KubernetesObject
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var start = 0;
        var end = 0;
        try
        {
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline >= 0)
                {
                    var line = new ReadOnlyMemory<byte>(buffer, start, newline - start);
                    start = newline + 1;
                    if (!IsBlank(line.Span))
                    {
                        yield return Parse<T>(line.Span);
                    }

                    continue;
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
                if (read == 0)
                {
                    // A server that ends the stream without a final newline still sent a whole event.
                    if (!IsBlank(buffer.AsSpan(start, end - start)))
                    {
                        yield return Parse<T>(buffer.AsSpan(start, end - start));
                    }

                    yield break;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decodes one event line: <c>{"type":"ADDED","object":{...}}</c>.</summary>
    /// <exception cref="JsonException">The line is not a watch event.</exception>
    public static WatchEvent<T> Parse<T>(ReadOnlySpan<byte> line)
        where T : KubernetesObject
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a watch event must be a JSON object");
        }

        WatchEventType? type = null;
        T? obj = null;
        JsonElement? deferred = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = ParseType(reader.GetString());
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                // The API server writes "type" first, so the object usually decodes in place.
                if (type is { } known && known != WatchEventType.Error)
                {
                    obj = JsonSerializer.Deserialize<T>(ref reader, KubernetesJson.Options);
                }
                else
                {
                    deferred = JsonElement.ParseValue(ref reader);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (type is not { } eventType)
        {
            throw new JsonException("a watch event has no \"type\"");
        }

        if (eventType == WatchEventType.Error)
        {
            var status = deferred is { } e ? e.Deserialize<Status>(KubernetesJson.Options) : null;
            return new WatchEvent<T>(eventType, null, status ?? new Status { Outcome = "Failure", Code = 500, Reason = "InternalError", Message = "watch ERROR event without a Status" });
        }

        if (deferred is { } element)
        {
            obj = element.Deserialize<T>(KubernetesJson.Options);
        }

        return obj is null
            ? throw new JsonException($"a {eventType} watch event has no \"object\"")
            : new WatchEvent<T>(eventType, obj);
    }

    private static WatchEventType ParseType(string? text) => text switch
    {
        "ADDED" => WatchEventType.Added,
        "MODIFIED" => WatchEventType.Modified,
        "DELETED" => WatchEventType.Deleted,
        "BOOKMARK" => WatchEventType.Bookmark,
        "ERROR" => WatchEventType.Error,
        _ => throw new JsonException($"unknown watch event type \"{text}\""),
    };

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }
}
