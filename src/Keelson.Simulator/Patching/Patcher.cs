using System.Text.Json.Nodes;
using Keelson.Simulator.Schema;

namespace Keelson.Simulator.Patching;

/// <summary>
/// Applies JSON, merge and strategic merge patches to a stored object the way kube-apiserver's PATCH handler does:
/// the patch is applied, the result decoded against the schema (unknown fields pruned and reported per
/// <see cref="FieldValidationMode"/>), and failures answered with kube-apiserver's status and message.
/// Server-side apply (<see cref="PatchKind.Apply"/>) goes through <see cref="FieldManager.Apply"/> instead.
/// </summary>
public static class Patcher
{
    /// <summary>Applies a patch.</summary>
    /// <param name="kind">The patch kind, from the request's content type (<see cref="PatchKinds.TryParse"/>).</param>
    /// <param name="live">The stored object; it is not changed.</param>
    /// <param name="body">The request body.</param>
    /// <param name="schema">The kind's top-level schema.</param>
    /// <param name="mode">The request's <c>fieldValidation</c>.</param>
    /// <returns>The patched object, decoded as the server stores it, and the warnings to answer with.</returns>
    /// <exception cref="PatchException">The patch is malformed, does not apply, or (Strict) yields unknown fields.</exception>
    public static DecodedObject Apply(PatchKind kind, JsonObject live, ReadOnlySpan<byte> body, TypeSchema schema, FieldValidationMode mode)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(schema);
        var validating = mode != FieldValidationMode.Ignore;
        return kind switch
        {
            PatchKind.JsonPatch => ApplyJsonPatch(live, body, schema, mode, validating),
            PatchKind.MergePatch => ApplyMergePatch(live, body, schema, mode, validating),
            PatchKind.StrategicMergePatch => ApplyStrategicMergePatch(live, body, schema, mode, validating),
            _ => throw new ArgumentException("server-side apply patches go through FieldManager.Apply", nameof(kind)),
        };
    }

    private static DecodedObject ApplyJsonPatch(JsonObject live, ReadOnlySpan<byte> body, TypeSchema schema, FieldValidationMode mode, bool validating)
    {
        var parsed = JsonBody.TryParse(body, out var syntaxError);
        if (parsed?.Root is not JsonArray operations)
        {
            var problem = syntaxError ?? $"json: cannot unmarshal {Describe(parsed?.Root)} into Go value of type {(validating ? "[]handlers.jsonPatchOp" : "jsonpatch.Patch")}";
            throw PatchException.BadRequest(validating ? $"error decoding patch: {problem}" : problem);
        }

        var strictErrors = new List<string>();
        if (validating)
        {
            for (var i = 0; i < operations.Count; i++)
            {
                if (operations[i] is not JsonObject op)
                {
                    continue;
                }

                strictErrors.AddRange(op.Select(p => p.Key)
                    .Where(k => k is not ("op" or "path" or "from" or "value"))
                    .Select(k => $"json patch unknown field \"[{i}].{k}\""));
                strictErrors.AddRange(parsed.DuplicateKeys(op).Select(k => $"json patch duplicate field \"[{i}].{k}\""));
            }
        }

        if (operations.Count > JsonPatch.MaxOperations)
        {
            throw PatchException.TooLarge($"Request entity too large: The allowed maximum operations in a JSON patch is {JsonPatch.MaxOperations}, got {operations.Count}");
        }

        var patched = JsonPatch.Apply(live.DeepClone(), operations);
        return DecodeResult(patched, schema, mode, strictErrors, () => JsonTree.SortedJson(patched));
    }

    private static DecodedObject ApplyMergePatch(JsonObject live, ReadOnlySpan<byte> body, TypeSchema schema, FieldValidationMode mode, bool validating)
    {
        var parsed = JsonBody.TryParse(body, out var syntaxError);
        if (parsed?.Root is not JsonObject patch)
        {
            var problem = syntaxError ?? $"json: cannot unmarshal {Describe(parsed?.Root)} into Go value of type map[string]interface {{}}";
            throw PatchException.BadRequest(validating ? $"error decoding patch: {problem}" : "Invalid JSON Patch");
        }

        var strictErrors = validating ? Duplicates(parsed, patch, "") : [];
        var patched = JsonMergePatch.Apply(live.DeepClone(), patch)!;
        return DecodeResult(patched, schema, mode, strictErrors, () => JsonTree.SortedJson(patched));
    }

    private static DecodedObject ApplyStrategicMergePatch(JsonObject live, ReadOnlySpan<byte> body, TypeSchema schema, FieldValidationMode mode, bool validating)
    {
        var parsed = JsonBody.TryParse(body, out var syntaxError);
        if (parsed?.Root is not JsonObject patch)
        {
            throw PatchException.BadRequest(syntaxError ?? $"json: cannot unmarshal {Describe(parsed?.Root)} into Go value of type map[string]interface {{}}");
        }

        var strictErrors = validating ? Duplicates(parsed, patch, "") : [];
        var patchText = GoText.Format(patch);
        var patched = StrategicMergePatch.Apply((JsonObject)live.DeepClone(), (JsonObject)patch.DeepClone(), schema);
        return DecodeResult(patched, schema, mode, strictErrors, () => patchText);
    }

    private static DecodedObject DecodeResult(JsonNode patched, TypeSchema schema, FieldValidationMode mode, List<string> strictErrors, Func<string> patchText)
    {
        if (patched is not JsonObject obj)
        {
            throw PatchException.InvalidResult(patchText(),
                $"couldn't get version/kind; json parse error: json: cannot unmarshal {Describe(patched)} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}");
        }

        var (decoded, decoder) = ObjectDecoder.Decode(obj, schema, null, mode != FieldValidationMode.Ignore);
        if (decoder.TypeError is { } typeError)
        {
            throw PatchException.InvalidResult(patchText(), typeError);
        }

        strictErrors.AddRange(decoder.StrictErrors);
        if (strictErrors.Count > 0 && mode == FieldValidationMode.Strict)
        {
            throw PatchException.InvalidResult(patchText(), "strict decoding error: " + string.Join(", ", strictErrors));
        }

        return new DecodedObject(decoded, strictErrors);
    }

    private static List<string> Duplicates(JsonBody parsed, JsonNode? node, string path)
    {
        var errors = new List<string>();
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    errors.AddRange(Duplicates(parsed, value, childPath));
                    errors.AddRange(parsed.DuplicateKeys(obj).Where(d => d == key).Select(_ => $"duplicate field \"{childPath}\""));
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    errors.AddRange(Duplicates(parsed, array[i], $"{path}[{i}]"));
                }

                break;
        }

        return errors;
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            _ => "bool",
        },
    };
}
