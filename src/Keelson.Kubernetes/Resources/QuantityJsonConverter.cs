using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>
/// Reads a quantity from a JSON string (<c>"500m"</c>) or number (<c>0.5</c>), as the API server accepts both, and
/// writes its canonical string. <c>null</c> reads as zero, as apimachinery reads it.
/// </summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    /// <inheritdoc />
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            // apimachinery trims surrounding whitespace from the JSON string before parsing.
            JsonTokenType.String => reader.GetString()!.Trim(),
            JsonTokenType.Number => reader.HasValueSequence
                ? Encoding.UTF8.GetString(reader.ValueSequence)
                : Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"a quantity must be a string such as \"500m\" or a number, not {reader.TokenType}"),
        };
        if (text is null)
        {
            return Quantity.Zero;
        }

        try
        {
            return Quantity.Parse(text);
        }
        catch (FormatException ex)
        {
            // A JsonException gets the JSON path and line appended by the serializer, which says where the bad value is.
            throw new JsonException(ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
