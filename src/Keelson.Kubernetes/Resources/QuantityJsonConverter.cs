using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Reads a quantity from a JSON string or number; writes its canonical string.</summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    /// <inheritdoc />
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => Quantity.Parse(reader.GetString()!),
            JsonTokenType.Number => Quantity.Parse(System.Text.Encoding.UTF8.GetString(reader.ValueSpan)),
            _ => throw new JsonException($"a quantity must be a string or a number, not {reader.TokenType}"),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
