using System.Text.Json.Nodes;

namespace Keelson.Simulator.Schema;

/// <summary>
/// Decodes create and update bodies against a kind's schema as kube-apiserver does: unknown fields are always pruned;
/// unknown and duplicate fields are warned about, rejected or ignored per <see cref="FieldValidationMode"/>;
/// a value of the wrong type is always a 400.
/// </summary>
public static class FieldValidation
{
    /// <summary>Reads the <c>fieldValidation</c> query parameter: absent means <see cref="FieldValidationMode.Warn"/>.</summary>
    /// <param name="value">The parameter as sent; kube-apiserver matches <c>Ignore</c>, <c>Warn</c> and <c>Strict</c> exactly.</param>
    /// <param name="mode">The mode, when the value is valid.</param>
    /// <returns>False for any other value; kube-apiserver answers those with 422 <c>fieldValidation: Unsupported value</c>.</returns>
    public static bool TryParseMode(string? value, out FieldValidationMode mode)
    {
        switch (value)
        {
            case null or "" or "Warn":
                mode = FieldValidationMode.Warn;
                return true;
            case "Strict":
                mode = FieldValidationMode.Strict;
                return true;
            case "Ignore":
                mode = FieldValidationMode.Ignore;
                return true;
            default:
                mode = FieldValidationMode.Warn;
                return false;
        }
    }

    /// <summary>Decodes a JSON body; duplicate keys are detected from the raw bytes.</summary>
    /// <param name="utf8Json">The request body.</param>
    /// <param name="schema">The top-level schema of the kind the request is for (<see cref="SchemaRegistry.For(GroupVersionKind)"/>).</param>
    /// <param name="mode">What to do with unknown and duplicate fields.</param>
    /// <exception cref="DecodeException">The body is not JSON, a value has the wrong type, or (Strict) a field is unknown or repeated.</exception>
    public static DecodedObject Decode(ReadOnlySpan<byte> utf8Json, TypeSchema schema, FieldValidationMode mode)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var body = JsonBody.TryParse(utf8Json, out var syntaxError)
            ?? throw new DecodeException("couldn't get version/kind; json parse error: " + syntaxError);
        return Decode(body.Root, body, schema, mode);
    }

    /// <summary>
    /// Decodes a body that was already parsed, e.g. YAML converted to JSON. Duplicate keys cannot be seen here;
    /// the YAML reader reports those.
    /// </summary>
    /// <param name="body">The parsed body.</param>
    /// <param name="schema">The top-level schema of the kind the request is for.</param>
    /// <param name="mode">What to do with unknown fields.</param>
    /// <exception cref="DecodeException">A value has the wrong type, or (Strict) a field is unknown.</exception>
    public static DecodedObject Decode(JsonNode? body, TypeSchema schema, FieldValidationMode mode)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Decode(body, null, schema, mode);
    }

    private static DecodedObject Decode(JsonNode? root, JsonBody? body, TypeSchema schema, FieldValidationMode mode)
    {
        if (root is not JsonObject obj)
        {
            throw new DecodeException(
                "couldn't get version/kind; json parse error: json: cannot unmarshal "
                + (root is null ? "null" : root is JsonArray ? "array" : root.GetValueKind().ToString().ToLowerInvariant())
                + " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }");
        }

        var (decoded, decoder) = ObjectDecoder.Decode(obj, schema, body, mode != FieldValidationMode.Ignore);
        if (decoder.TypeError is { } typeError)
        {
            throw new DecodeException($"{CannotBeHandled(schema)}: {typeError}");
        }

        if (decoder.StrictErrors.Count > 0 && mode == FieldValidationMode.Strict)
        {
            throw new DecodeException($"{CannotBeHandled(schema)}: strict decoding error: {string.Join(", ", decoder.StrictErrors)}");
        }

        return new DecodedObject(decoded, decoder.StrictErrors);
    }

    private static string CannotBeHandled(TypeSchema schema)
    {
        var gvk = schema.GroupVersionKinds.Count > 0 ? schema.GroupVersionKinds[0] : new GroupVersionKind("", "", schema.ShortName ?? "");
        return $"{gvk.Kind} in version \"{gvk.Version}\" cannot be handled as a {gvk.Kind}";
    }
}
