using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Keelson.Simulator.Schema;

/// <summary>
/// The JSON a Go encoder writes for zero values: what kube-apiserver's objects carry for fields nobody set
/// (a struct's always-written fields, <c>creationTimestamp: null</c>, <c>divisor: "0"</c>).
/// </summary>
internal static class GoZero
{
    private static readonly ConcurrentDictionary<TypeSchema, JsonObject> Skeletons = new();

    /// <summary>The zero value of a field of type <paramref name="type"/>; null for pointers, slices and maps.</summary>
    public static JsonNode? Of(TypeSchema type, bool pointer)
    {
        if (pointer)
        {
            return null;
        }

        return type.Kind switch
        {
            SchemaKind.Struct => Skeleton(type),
            SchemaKind.String => JsonValue.Create(""),
            SchemaKind.Integer or SchemaKind.Number or SchemaKind.IntOrString => JsonValue.Create(0),
            SchemaKind.Boolean => JsonValue.Create(false),
            SchemaKind.Quantity => JsonValue.Create("0"),
            _ => null,
        };
    }

    /// <summary>A struct with every always-written field at its zero value, e.g. a Deployment's <c>{"metadata":{"creationTimestamp":null},"spec":{...},"status":{}}</c>.</summary>
    public static JsonObject Skeleton(TypeSchema type) =>
        (JsonObject)Skeletons.GetOrAdd(type, static t =>
        {
            var skeleton = new JsonObject();
            foreach (var field in t.Fields)
            {
                if (field.AlwaysWritten)
                {
                    skeleton[field.Name] = Of(field.Type, field.Pointer);
                }
            }

            return skeleton;
        }).DeepClone();

    /// <summary>
    /// A copy of <paramref name="value"/> with every always-written field a Go round trip would add, at every depth:
    /// what kube-apiserver's typed objects look like when it compares two versions of an object.
    /// </summary>
    public static JsonNode? Fill(JsonNode? value, TypeSchema type)
    {
        switch (value)
        {
            case JsonObject obj when type.Kind == SchemaKind.Struct:
                var result = new JsonObject();
                foreach (var field in type.Fields)
                {
                    if (obj.TryGetPropertyValue(field.Name, out var child))
                    {
                        result[field.Name] = child is null ? null : Fill(child, field.Type);
                    }
                    else if (field.AlwaysWritten)
                    {
                        result[field.Name] = Of(field.Type, field.Pointer);
                    }
                }

                foreach (var (key, child) in obj.Where(p => type.FindField(p.Key) is null))
                {
                    result[key] = child?.DeepClone();
                }

                return result;
            case JsonObject map when type.Kind == SchemaKind.Map:
                return new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Fill(p.Value, type.Element!))));
            case JsonArray array when type.Kind == SchemaKind.List:
                return new JsonArray(array.Select(item => item is null ? null : Fill(item, type.Element!)).ToArray());
            default:
                return value?.DeepClone();
        }
    }

    /// <summary>Whether Go's <c>omitempty</c> leaves the decoded value out when encoding a non-pointer field.</summary>
    public static bool IsOmittedWhenEmpty(JsonNode value, FieldSchema field)
    {
        if (field.Pointer)
        {
            return false;
        }

        return field.Type.Kind switch
        {
            SchemaKind.List => value is JsonArray { Count: 0 },
            SchemaKind.Map => value is JsonObject { Count: 0 },
            SchemaKind.Bytes or SchemaKind.String => value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0,
            SchemaKind.Boolean => value is JsonValue v && v.TryGetValue<bool>(out var b) && !b,
            SchemaKind.Integer or SchemaKind.Number => value is JsonValue v && v.ToJsonString() is "0" or "-0" or "0.0",
            _ => false,
        };
    }
}
