using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary><c>meta/v1 MicroTime</c>: like <see cref="TimeJsonConverter"/> but written with microseconds (Lease renew times, event times).</summary>
public sealed class MicroTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimeJsonConverter.ParseRfc3339(reader.GetString());

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
}
