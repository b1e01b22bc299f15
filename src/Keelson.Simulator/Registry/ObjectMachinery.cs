using System.Text.Json.Nodes;
using Keelson.Simulator.Api;
using Keelson.Simulator.Defaults;
using Keelson.Simulator.Store;
using Keelson.Simulator.Validation;

namespace Keelson.Simulator.Registry;

/// <summary>
/// The per-kind machinery the registry calls: defaulting, validation, patching, server-side
/// apply and managed-fields bookkeeping.
/// PLACEHOLDER BODIES for patching, apply and managed fields until the Schema/Patching work lands on main.
/// </summary>
internal static class ObjectMachinery
{
    /// <summary>kube-apiserver's defaults for the kind (create-only ones on create).</summary>
    public static void Default(ResourceKind kind, JsonObject obj, bool create) =>
        Defaulter.Apply(kind.Resource.ApiVersion, kind.Resource.Kind, obj, create ? DefaultingOperation.Create : DefaultingOperation.Update);

    /// <exception cref="ApiException">422 Invalid with the field causes.</exception>
    public static void Validate(ResourceKind kind, JsonObject obj, JsonObject? old)
    {
        var errors = ObjectValidator.Validate(kind.Resource.ApiVersion, kind.Resource.Kind, obj, old);
        if (errors.Count > 0)
        {
            throw ApiException.FromStatus(ValidationStatus.Invalid(kind.Resource.Group, kind.Resource.Kind, obj["metadata"]?["name"]?.GetValue<string>() ?? "", errors));
        }
    }

    /// <summary>Applies a non-apply patch to a copy of <paramref name="live"/>.</summary>
    /// <exception cref="ApiException">400 for a malformed patch, 422 for one that does not apply.</exception>
    public static JsonObject Patch(ResourceKind kind, PatchKind type, JsonObject live, ReadOnlyMemory<byte> body)
    {
        _ = kind;
        if (type != PatchKind.Merge && type != PatchKind.StrategicMerge)
        {
            throw ApiException.UnsupportedMediaType(type.ToString());
        }

        var patch = JsonNode.Parse(body.Span) as JsonObject ?? throw ApiException.BadRequest("the patch must be a JSON object");
        return (JsonObject)Merge(live.DeepClone(), patch)!;
    }

    /// <summary>Server-side apply of <paramref name="applied"/> onto <paramref name="live"/> (null: create).</summary>
    /// <exception cref="ApiException">409 on conflicts with other managers unless forced.</exception>
    public static JsonObject Apply(ResourceKind kind, JsonObject? live, JsonObject applied, WriteContext context)
    {
        _ = kind;
        _ = context;
        return live is null ? applied : (JsonObject)Merge(live.DeepClone(), applied)!;
    }

    /// <summary>Records <paramref name="context"/>'s manager as owner of what it changed (operation Update).</summary>
    public static void RecordUpdate(ResourceKind kind, JsonObject? old, JsonObject obj, WriteContext context, string? subresource)
    {
        _ = kind;
        _ = old;
        _ = obj;
        _ = context;
        _ = subresource;
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var merged = Merge(result[key]?.DeepClone(), value);
                result[key] = merged;
            }
        }

        return result;
    }
}
