using System.Text.Json.Nodes;
using Keelson.Simulator.Api;
using Keelson.Simulator.Defaults;
using Keelson.Simulator.Patching;
using Keelson.Simulator.Schema;
using Keelson.Simulator.Store;
using Keelson.Simulator.Validation;

namespace Keelson.Simulator.Registry;

/// <summary>The per-kind machinery the registry calls: defaulting, validation and patching.</summary>
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

    /// <summary>Applies a JSON, merge or strategic merge patch to <paramref name="live"/> (unchanged) and decodes the result.</summary>
    /// <exception cref="PatchException">400 for a malformed patch, 422 for one that does not apply.</exception>
    public static JsonObject Patch(ResourceKind kind, PatchKind type, JsonObject live, ReadOnlyMemory<byte> body, WriteContext context)
    {
        var decoded = Patcher.Apply(type, live, body.Span, SchemaOf(kind.Resource.ApiVersion, kind.Resource.Kind), context.FieldValidation);
        context.Warnings.AddRange(decoded.Warnings);
        return decoded.Object;
    }

    /// <summary>The schema of a kind (or of a subresource's kind, such as autoscaling/v1 Scale).</summary>
    public static TypeSchema SchemaOf(string apiVersion, string kind) =>
        SchemaRegistry.BuiltIn.For(apiVersion, kind) ?? throw new InvalidOperationException($"no schema for {apiVersion} {kind}");
}
