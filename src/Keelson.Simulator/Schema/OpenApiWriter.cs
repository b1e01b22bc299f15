using System.Text.Json.Nodes;

namespace Keelson.Simulator.Schema;

/// <summary>
/// Renders schemas and paths as kube-apiserver's OpenAPI documents do, in v3 (<c>#/components/schemas</c>, references
/// wrapped in <c>allOf</c>, <c>oneOf</c> for quantities and int-or-string) or v2 (<c>#/definitions</c>). The patch
/// extensions kubectl reads to compute strategic merge patches sit on the property, as in kube-apiserver's documents.
/// </summary>
internal sealed class OpenApiWriter(bool v3)
{
    private readonly string _refPrefix = v3 ? "#/components/schemas/" : "#/definitions/";

    /// <summary>The named definitions <paramref name="paths"/> refer to, directly or through other definitions.</summary>
    public static IReadOnlyCollection<TypeSchema> Referenced(IEnumerable<ApiPaths.PathItem> paths)
    {
        var found = new HashSet<TypeSchema>();
        var pending = new Stack<TypeSchema>(paths.SelectMany(p => p.Operations)
            .SelectMany(o => o.Responses.Select(r => r.Schema).Append(o.Body))
            .OfType<TypeSchema>());
        while (pending.TryPop(out var type))
        {
            if (type.Name is not null && !found.Add(type))
            {
                continue;
            }

            foreach (var next in type.Fields.Select(f => f.Type).Append(type.Element).OfType<TypeSchema>())
            {
                pending.Push(next);
            }
        }

        return found;
    }

    /// <summary>The definition of a named schema.</summary>
    public JsonObject Definition(TypeSchema type)
    {
        var result = new JsonObject();
        if (type.Description is not null)
        {
            result["description"] = type.Description;
        }

        switch (type.Kind)
        {
            case SchemaKind.Struct:
                if (type.Fields.Count > 0)
                {
                    result["properties"] = new JsonObject(type.Fields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)Property(f))));
                }

                var required = type.Fields.Where(f => f.Required).Select(f => (JsonNode?)f.Name).ToArray();
                if (required.Length > 0)
                {
                    result["required"] = new JsonArray(required);
                }

                result["type"] = "object";
                if (type.GroupVersionKinds.Count > 0)
                {
                    result["x-kubernetes-group-version-kind"] = new JsonArray(type.GroupVersionKinds
                        .Select(gvk => (JsonNode?)new JsonObject { ["group"] = gvk.Group, ["kind"] = gvk.Kind, ["version"] = gvk.Version })
                        .ToArray());
                }

                if (type.IsAtomic)
                {
                    result["x-kubernetes-map-type"] = "atomic";
                }

                break;
            case SchemaKind.Quantity when v3:
                result["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" });
                break;
            case SchemaKind.IntOrString when v3:
                result["format"] = "int-or-string";
                result["oneOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" });
                break;
            case SchemaKind.FreeForm:
                result["type"] = "object";
                break;
            default:
                if (type.Format is not null)
                {
                    result["format"] = type.Format;
                }

                result["type"] = "string";
                break;
        }

        return result;
    }

    /// <summary>A <c>$ref</c> to a named schema.</summary>
    public JsonObject Reference(TypeSchema named) => new() { ["$ref"] = _refPrefix + named.Name };

    private JsonObject Property(FieldSchema field)
    {
        var type = field.Type;
        JsonNode? fieldDefault = field.Default?.DeepClone()
            ?? (field.Pointer ? null
                : type.Kind == SchemaKind.Struct ? new JsonObject()
                : field.Required ? PrimitiveZero(type)
                : null);
        var result = Use(type, field.Description, fieldDefault);
        if (field.PatchMergeKey is not null)
        {
            result["x-kubernetes-patch-merge-key"] = field.PatchMergeKey;
        }

        if (field.PatchStrategy is not null)
        {
            result["x-kubernetes-patch-strategy"] = field.PatchStrategy;
        }

        return result;
    }

    private JsonObject Use(TypeSchema type, string? description, JsonNode? defaultValue)
    {
        JsonObject result;
        if (type.Name is not null)
        {
            var hasSiblings = description is not null || defaultValue is not null;
            result = !hasSiblings ? Reference(type)
                : v3 ? new JsonObject { ["allOf"] = new JsonArray(Reference(type)) }
                : Reference(type);
        }
        else
        {
            result = new JsonObject();
            switch (type.Kind)
            {
                case SchemaKind.List:
                    result["items"] = Use(type.Element!, null, Item(type.Element!));
                    result["type"] = "array";
                    if (type.DeclaredListType is { } listType)
                    {
                        if (type.ListMapKeys.Count > 0)
                        {
                            result["x-kubernetes-list-map-keys"] = new JsonArray(type.ListMapKeys.Select(k => (JsonNode?)k).ToArray());
                        }

                        result["x-kubernetes-list-type"] = listType.ToString().ToLowerInvariant();
                    }

                    break;
                case SchemaKind.Map:
                    result["additionalProperties"] = Use(type.Element!, null, Item(type.Element!));
                    result["type"] = "object";
                    if (type.IsAtomic)
                    {
                        result["x-kubernetes-map-type"] = "atomic";
                    }

                    break;
                case SchemaKind.FreeForm:
                    result["type"] = "object";
                    result["x-kubernetes-preserve-unknown-fields"] = true;
                    break;
                default:
                    if (type.Format is not null)
                    {
                        result["format"] = type.Format;
                    }

                    result["type"] = type.Kind switch
                    {
                        SchemaKind.Integer => "integer",
                        SchemaKind.Number => "number",
                        SchemaKind.Boolean => "boolean",
                        _ => "string",
                    };
                    break;
            }
        }

        if (defaultValue is not null)
        {
            result["default"] = defaultValue;
        }

        if (description is not null)
        {
            result["description"] = description;
        }

        return result;
    }

    private static JsonNode? Item(TypeSchema element) =>
        element.Kind == SchemaKind.Struct ? new JsonObject() : element.Name is null ? PrimitiveZero(element) : null;

    private static JsonNode? PrimitiveZero(TypeSchema type) => type.Kind switch
    {
        SchemaKind.String => "",
        SchemaKind.Integer or SchemaKind.Number => 0,
        SchemaKind.Boolean => false,
        _ => null,
    };
}
