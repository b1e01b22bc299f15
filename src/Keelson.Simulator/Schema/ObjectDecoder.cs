using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Simulator.Schema;

/// <summary>
/// Walks a JSON value against a schema the way kube-apiserver's decoder (sigs.k8s.io/json into the Go type) does:
/// it reports unknown and duplicate fields with their full paths, keeps the first type mismatch in encoding/json's
/// words, and returns the value as the Go round trip would write it back (see <see cref="DecodedObject"/>).
/// </summary>
internal sealed class ObjectDecoder
{
    private static readonly System.Buffers.SearchValues<char> Base64Alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    private readonly JsonBody? _body;
    private readonly bool _collectStrict;
    private readonly List<string> _strictErrors = [];

    private ObjectDecoder(JsonBody? body, bool collectStrict)
    {
        _body = body;
        _collectStrict = collectStrict;
    }

    /// <summary>The first type mismatch, in encoding/json's words; null when every value fits.</summary>
    public string? TypeError { get; private set; }

    /// <summary>Unknown and duplicate fields in document order: <c>unknown field "spec.foo"</c>.</summary>
    public IReadOnlyList<string> StrictErrors => _strictErrors;

    /// <summary>Decodes <paramref name="root"/>, which must be a JSON object, against the struct <paramref name="schema"/>.</summary>
    /// <param name="root">The value to decode.</param>
    /// <param name="schema">A struct schema.</param>
    /// <param name="body">Where <paramref name="root"/> was parsed from, to report duplicate keys; null when unknown.</param>
    /// <param name="collectStrict">Whether to collect unknown and duplicate fields.</param>
    public static (JsonObject Object, ObjectDecoder Decoder) Decode(JsonObject root, TypeSchema schema, JsonBody? body, bool collectStrict)
    {
        var decoder = new ObjectDecoder(body, collectStrict);
        var result = decoder.Struct(root, schema, "", new GoContext(schema.ShortName!, ""));
        return (result, decoder);
    }

    private JsonNode? Value(JsonNode node, TypeSchema type, string path, GoContext go, string goType)
    {
        switch (type.Kind)
        {
            case SchemaKind.Struct:
                if (node is JsonObject obj)
                {
                    return Struct(obj, type, path, go.Into(type));
                }

                break;
            case SchemaKind.Map:
                if (node is JsonObject map)
                {
                    return Map(map, type, path, go);
                }

                break;
            case SchemaKind.List:
                if (node is JsonArray array)
                {
                    return List(array, type, path, go);
                }

                break;
            case SchemaKind.FreeForm:
                return node.DeepClone();
            default:
                return Scalar(node, type, go, goType);
        }

        Mismatch(go, Describe(node), goType);
        return null;
    }

    private JsonObject Struct(JsonObject obj, TypeSchema type, string path, GoContext go)
    {
        var decoded = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var duplicates = _body?.DuplicateKeys(obj) ?? [];
        foreach (var (key, child) in obj)
        {
            var childPath = Join(path, key);
            var field = type.FindField(key);
            if (field is null)
            {
                Strict($"unknown field \"{childPath}\"");
                continue;
            }

            decoded[key] = child is null ? null : Value(child, field.Type, childPath, go.Field(key), field.GoTypeName);
            for (var i = duplicates.Count(d => d == key); i > 0; i--)
            {
                Strict($"duplicate field \"{childPath}\"");
            }
        }

        var result = new JsonObject();
        foreach (var field in type.Fields)
        {
            if (decoded.TryGetValue(field.Name, out var value) && value is not null)
            {
                if (field.AlwaysWritten || !GoZero.IsOmittedWhenEmpty(value, field))
                {
                    result[field.Name] = value;
                }
            }
            else if (field.AlwaysWritten)
            {
                result[field.Name] = GoZero.Of(field.Type, field.Pointer);
            }
        }

        return result;
    }

    private JsonObject Map(JsonObject map, TypeSchema type, string path, GoContext go)
    {
        var element = type.Element!;
        var entries = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var duplicates = _body?.DuplicateKeys(map) ?? [];
        foreach (var (key, child) in map)
        {
            var childPath = Join(path, key);
            entries[key] = child is null
                ? GoZero.Of(element, pointer: false)
                : Value(child, element, childPath, go, element.GoTypeName);
            for (var i = duplicates.Count(d => d == key); i > 0; i--)
            {
                Strict($"duplicate field \"{childPath}\"");
            }
        }

        var result = new JsonObject();
        foreach (var (key, value) in entries)
        {
            result[key] = value;
        }

        return result;
    }

    private JsonArray List(JsonArray array, TypeSchema type, string path, GoContext go)
    {
        var element = type.Element!;
        var result = new JsonArray();
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            result.Add(item is null
                ? GoZero.Of(element, pointer: false)
                : Value(item, element, $"{path}[{i}]", go, element.GoTypeName));
        }

        return result;
    }

    private JsonNode? Scalar(JsonNode node, TypeSchema type, GoContext go, string goType)
    {
        if (node is not JsonValue value)
        {
            return type.Kind switch
            {
                SchemaKind.Quantity => Fail(ScalarFormats.QuantityFormatError),
                SchemaKind.IntOrString => Mismatch(go, Describe(node), "int32"),
                SchemaKind.Time or SchemaKind.MicroTime => Mismatch(go, Describe(node), "string"),
                _ => Mismatch(go, Describe(node), goType),
            };
        }

        var kind = value.GetValueKind();
        switch (type.Kind)
        {
            case SchemaKind.String:
                return kind == JsonValueKind.String ? value.DeepClone() : Mismatch(go, Describe(node), goType);
            case SchemaKind.Boolean:
                return kind is JsonValueKind.True or JsonValueKind.False ? value.DeepClone() : Mismatch(go, Describe(node), goType);
            case SchemaKind.Number:
                return kind == JsonValueKind.Number ? value.DeepClone() : Mismatch(go, Describe(node), goType);
            case SchemaKind.Integer:
                return kind != JsonValueKind.Number ? Mismatch(go, Describe(node), goType)
                    : FitsInteger(value, type.Format == "int32") ? value.DeepClone()
                    : Mismatch(go, "number " + value.ToJsonString(), goType);
            case SchemaKind.IntOrString:
                return kind == JsonValueKind.String ? value.DeepClone()
                    : kind != JsonValueKind.Number ? Mismatch(go, Describe(node), "int32")
                    : FitsInteger(value, int32: true) ? value.DeepClone()
                    : Mismatch(go, "number " + value.ToJsonString(), "int32");
            case SchemaKind.Quantity:
                var quantity = kind == JsonValueKind.String ? value.GetValue<string>().Trim() : value.ToJsonString();
                return ScalarFormats.QuantityError(quantity) is { } quantityError ? Fail(quantityError) : JsonValue.Create(QuantityForm.Canonicalize(quantity));
            case SchemaKind.Bytes:
                return kind != JsonValueKind.String ? Mismatch(go, Describe(node), goType) : Base64(value.GetValue<string>());
            case SchemaKind.Time or SchemaKind.MicroTime:
                if (kind != JsonValueKind.String)
                {
                    return Mismatch(go, Describe(node), "string");
                }

                var micro = type.Kind == SchemaKind.MicroTime;
                var text = value.GetValue<string>();
                var time = micro ? ScalarFormats.ParseMicroTime(text, out var error) : ScalarFormats.ParseTime(text, out error);
                return time is { } t
                    ? JsonValue.Create(micro ? ScalarFormats.FormatMicroTime(t) : ScalarFormats.FormatTime(t))
                    : Fail(error!);
            default:
                return value.DeepClone();
        }
    }

    private JsonValue? Base64(string text)
    {
        try
        {
            return JsonValue.Create(Convert.ToBase64String(Convert.FromBase64String(text)));
        }
        catch (FormatException)
        {
            var bad = text.AsSpan().IndexOfAnyExcept(Base64Alphabet);
            Fail($"illegal base64 data at input byte {(bad >= 0 ? bad : text.Length / 4 * 4)}");
            return null;
        }
    }

    private static bool FitsInteger(JsonValue value, bool int32) =>
        int32
            ? int.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            : long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    private JsonNode? Mismatch(GoContext go, string valueDescription, string goType) =>
        Fail(go.FieldPath.Length == 0
            ? $"json: cannot unmarshal {valueDescription} into Go value of type {goType}"
            : $"json: cannot unmarshal {valueDescription} into Go struct field {go.Struct}.{go.FieldPath} of type {goType}");

    private JsonNode? Fail(string message)
    {
        TypeError ??= message;
        return null;
    }

    private void Strict(string error)
    {
        if (_collectStrict)
        {
            _strictErrors.Add(error);
        }
    }

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "bool",
    };

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>What encoding/json knows when it reports a type error: the innermost struct and the struct fields leading to it.</summary>
    private readonly record struct GoContext(string Struct, string FieldPath)
    {
        public GoContext Into(TypeSchema type) => this with { Struct = type.ShortName! };

        public GoContext Field(string name) => this with { FieldPath = FieldPath.Length == 0 ? name : $"{FieldPath}.{name}" };
    }
}
