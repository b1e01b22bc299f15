using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Simulator.Api.Protobuf;

/// <summary>
/// Turns a protobuf message into the JSON Go's encoding/json writes for the same Go struct, so the result goes
/// through the same decoding as a JSON body: scalars that Go leaves out when zero are left out (the Go protobuf
/// encoder writes every non-pointer field, even empty ones), pointers keep an explicit zero, empty messages are
/// <c>{}</c>, an empty <c>Time</c> is <c>null</c>. A field the table does not declare is an error, never dropped.
/// </summary>
internal static class MessageDecoder
{
    /// <summary>Decodes <paramref name="data"/> as <paramref name="message"/> into <paramref name="target"/>.</summary>
    /// <param name="target">The JSON object to fill; fields already there are replaced or merged into, as a second occurrence of a message would be.</param>
    /// <param name="data">The message's bytes.</param>
    /// <param name="message">What the bytes are.</param>
    /// <param name="path">Where the message sits in the object (<c>spec.template</c>), for errors; empty at the top.</param>
    /// <exception cref="ProtobufException">The bytes are not a valid <paramref name="message"/>.</exception>
    public static void DecodeInto(JsonObject target, ReadOnlySpan<byte> data, MessageDescriptor message, string path)
    {
        var where = Where(message, path);
        var reader = new WireReader(data, where);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            var field = message.Find(number) ?? throw new ProtobufException(
                $"field {number} of {where} is not known to the simulator, which reads the fields of Kubernetes 1.33; send this object as application/json instead");
            var fieldPath = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            switch (field.Shape)
            {
                case FieldShape.Inline:
                    Expect(wireType, WireReader.LengthDelimited, field, where);
                    DecodeInto(target, reader.ReadLengthDelimited(), field.Message!, path);
                    break;
                case FieldShape.Map:
                    Expect(wireType, WireReader.LengthDelimited, field, where);
                    if (target[field.Name] is not JsonObject map)
                    {
                        target[field.Name] = map = [];
                    }

                    var (key, value) = MapEntry(reader.ReadLengthDelimited(), field, fieldPath);
                    map[key] = value;
                    break;
                case FieldShape.Repeated:
                    if (target[field.Name] is not JsonArray list)
                    {
                        target[field.Name] = list = [];
                    }

                    if (wireType == WireReader.LengthDelimited && IsVarint(field.Type))
                    {
                        // Packed numbers: proto3 writers pack them, gogo does not; Go decoders accept both.
                        var packed = new WireReader(reader.ReadLengthDelimited(), $"packed {fieldPath} of {where}");
                        while (!packed.AtEnd)
                        {
                            list.Add(Varint(packed.ReadVarint(), field.Type));
                        }
                    }
                    else
                    {
                        list.Add(Value(ref reader, wireType, field, $"{fieldPath}[{list.Count}]", where));
                    }

                    break;
                case FieldShape.Single when field.Type == FieldType.Message && target[field.Name] is JsonObject existing:
                    Expect(wireType, WireReader.LengthDelimited, field, where);
                    DecodeInto(existing, reader.ReadLengthDelimited(), field.Message!, fieldPath);
                    break;
                default:
                    var single = Value(ref reader, wireType, field, fieldPath, where);
                    if (!field.Pointer && IsGoZeroScalar(single, field.Type))
                    {
                        target.Remove(field.Name);
                    }
                    else
                    {
                        target[field.Name] = single;
                    }

                    break;
            }
        }
    }

    private static JsonNode? Value(ref WireReader reader, int wireType, FieldDescriptor field, string path, string where)
    {
        if (IsVarint(field.Type))
        {
            Expect(wireType, WireReader.Varint, field, where);
            return Varint(reader.ReadVarint(), field.Type);
        }

        Expect(wireType, WireReader.LengthDelimited, field, where);
        return LengthDelimited(reader.ReadLengthDelimited(), field, path);
    }

    private static JsonNode? LengthDelimited(ReadOnlySpan<byte> bytes, FieldDescriptor field, string path)
    {
        switch (field.Type)
        {
            case FieldType.String:
                return JsonValue.Create(Encoding.UTF8.GetString(bytes));
            case FieldType.Bytes:
                return JsonValue.Create(Convert.ToBase64String(bytes));
            case FieldType.Quantity:
                return Quantity(bytes, path);
            case FieldType.IntOrString:
                return IntOrString(bytes, path);
            case FieldType.Time:
                return Time(bytes, path);
            case FieldType.FieldsV1:
                return FieldsV1(bytes, path);
            default:
                var obj = new JsonObject();
                DecodeInto(obj, bytes, field.Message!, path);
                return obj;
        }
    }

    private static JsonValue Varint(ulong value, FieldType type) => type switch
    {
        FieldType.Bool => JsonValue.Create(value != 0),
        FieldType.Int32 => JsonValue.Create(unchecked((int)value)),
        _ => JsonValue.Create(unchecked((long)value)),
    };

    private static (string Key, JsonNode? Value) MapEntry(ReadOnlySpan<byte> entry, FieldDescriptor field, string path)
    {
        var where = $"map entry of {path}";
        var reader = new WireReader(entry, where);
        var key = "";
        JsonNode? value = null;
        var hasValue = false;
        while (!reader.AtEnd)
        {
            switch (reader.ReadTag())
            {
                case (1, WireReader.LengthDelimited):
                    key = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                case (2, var wireType):
                    value = Value(ref reader, wireType, field, $"{path}[{key}]", where);
                    hasValue = true;
                    break;
                case var (number, wireType):
                    throw new ProtobufException($"field {number} (wire type {wireType}) of {where} is neither the key (1, a string) nor the value (2)");
            }
        }

        // An entry without a value holds the value type's zero, as in Go.
        return (key, hasValue ? value : LengthDelimitedOrZero(field, $"{path}[{key}]"));
    }

    private static JsonNode? LengthDelimitedOrZero(FieldDescriptor field, string path) =>
        IsVarint(field.Type) ? Varint(0, field.Type) : LengthDelimited([], field, path);

    private static JsonValue Quantity(ReadOnlySpan<byte> bytes, string path)
    {
        var reader = new WireReader(bytes, $"Quantity at {path}");
        var text = "0"; // the zero Quantity, as Go writes it
        while (!reader.AtEnd)
        {
            text = reader.ReadTag() switch
            {
                (1, WireReader.LengthDelimited) => Encoding.UTF8.GetString(reader.ReadLengthDelimited()),
                var (number, wireType) => throw UnknownBuiltInField("Quantity", number, wireType, path),
            };
        }

        return JsonValue.Create(text);
    }

    private static JsonValue IntOrString(ReadOnlySpan<byte> bytes, string path)
    {
        var reader = new WireReader(bytes, $"IntOrString at {path}");
        (long Type, int Int, string String) value = (0, 0, "");
        while (!reader.AtEnd)
        {
            switch (reader.ReadTag())
            {
                case (1, WireReader.Varint):
                    value.Type = unchecked((long)reader.ReadVarint());
                    break;
                case (2, WireReader.Varint):
                    value.Int = unchecked((int)reader.ReadVarint());
                    break;
                case (3, WireReader.LengthDelimited):
                    value.String = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                case var (number, wireType):
                    throw UnknownBuiltInField("IntOrString", number, wireType, path);
            }
        }

        return value.Type switch
        {
            0 => JsonValue.Create(value.Int),
            1 => JsonValue.Create(value.String),
            _ => throw new ProtobufException($"IntOrString at {path} has type {value.Type}; it must be 0 (an integer) or 1 (a string)"),
        };
    }

    private static JsonValue? Time(ReadOnlySpan<byte> bytes, string path)
    {
        // metav1.Time: no bytes is the zero time, which Go writes as null; the JSON form has whole seconds, so
        // kube-apiserver drops the nanoseconds too.
        if (bytes.IsEmpty)
        {
            return null;
        }

        var reader = new WireReader(bytes, $"Time at {path}");
        long seconds = 0;
        while (!reader.AtEnd)
        {
            switch (reader.ReadTag())
            {
                case (1, WireReader.Varint):
                    seconds = unchecked((long)reader.ReadVarint());
                    break;
                case (2, WireReader.Varint):
                    reader.ReadVarint();
                    break;
                case var (number, wireType):
                    throw UnknownBuiltInField("Time", number, wireType, path);
            }
        }

        if (seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw new ProtobufException($"Time at {path} is {seconds} seconds from 1970, outside the years 1 to 9999");
        }

        return JsonValue.Create(DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    private static JsonNode? FieldsV1(ReadOnlySpan<byte> bytes, string path)
    {
        var reader = new WireReader(bytes, $"FieldsV1 at {path}");
        JsonNode? fields = null;
        while (!reader.AtEnd)
        {
            switch (reader.ReadTag())
            {
                case (1, WireReader.LengthDelimited):
                    var raw = reader.ReadLengthDelimited();
                    try
                    {
                        fields = JsonNode.Parse(raw);
                    }
                    catch (JsonException e)
                    {
                        throw new ProtobufException($"FieldsV1 at {path} is not JSON: {e.Message}");
                    }

                    break;
                case var (number, wireType):
                    throw UnknownBuiltInField("FieldsV1", number, wireType, path);
            }
        }

        return fields;
    }

    private static bool IsVarint(FieldType type) => type is FieldType.Bool or FieldType.Int32 or FieldType.Int64;

    private static bool IsGoZeroScalar(JsonNode? value, FieldType type) => type switch
    {
        FieldType.String or FieldType.Bytes => value!.GetValue<string>().Length == 0,
        FieldType.Bool => !value!.GetValue<bool>(),
        FieldType.Int32 => value!.GetValue<int>() == 0,
        FieldType.Int64 => value!.GetValue<long>() == 0,
        _ => false,
    };

    private static void Expect(int wireType, int expected, FieldDescriptor field, string where)
    {
        if (wireType != expected)
        {
            throw new ProtobufException($"field {field.Number} ({field.Name}) of {where} has wire type {wireType}, but a {field.Type} field has wire type {expected}");
        }
    }

    private static ProtobufException UnknownBuiltInField(string type, int number, int wireType, string path) =>
        new($"{type} at {path} has field {number} (wire type {wireType}), which a {type} does not have");

    private static string Where(MessageDescriptor message, string path) =>
        path.Length == 0 ? $"message {message.FullName}" : $"message {message.FullName} at {path}";
}
