using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>
/// <c>meta/v1 Time</c>: RFC 3339 read with any offset and fraction, written in UTC at second
/// precision (<c>2024-05-01T12:00:00Z</c>) exactly as the API server writes it.
/// </summary>
public sealed class TimeJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ParseRfc3339(reader.GetString());

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    /// <summary>Parses an RFC 3339 timestamp such as <c>2024-05-01T12:00:00Z</c> or <c>2024-05-01T14:00:00.5+02:00</c>.</summary>
    /// <exception cref="JsonException">The text is not an RFC 3339 timestamp.</exception>
    public static DateTimeOffset ParseRfc3339(string? text)
    {
        if (text is not null && text.Length >= 20 && text[10] is 'T' or 't' &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        throw new JsonException($"\"{text}\" is not an RFC 3339 time such as \"2024-05-01T12:00:00Z\"");
    }
}
