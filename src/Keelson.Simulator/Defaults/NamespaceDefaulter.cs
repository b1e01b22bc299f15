using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// Namespaces: the <c>kubernetes.io/metadata.name</c> label and phase Active on every write; on create the
/// <c>kubernetes</c> finalizer (kept only if present afterwards, since the namespace controller removes it).
/// </summary>
internal sealed class NamespaceDefaulter : IKindDefaulter
{
    public void Apply(JsonObject obj, DefaultingOperation operation)
    {
        var metadata = obj.GetOrAddObject("metadata");
        if (metadata.GetStringOrEmpty("name") is { Length: > 0 } name)
        {
            metadata.GetOrAddObject("labels")["kubernetes.io/metadata.name"] = name;
        }

        if (operation == DefaultingOperation.Create)
        {
            var spec = obj.GetOrAddObject("spec");
            if (spec["finalizers"] is not JsonArray finalizers)
            {
                finalizers = [];
                spec["finalizers"] = finalizers;
            }

            if (!finalizers.Any(f => f is JsonValue v && v.TryGetValue<string>(out var s) && s == "kubernetes"))
            {
                finalizers.Add("kubernetes");
            }

            obj["status"] = new JsonObject { ["phase"] = "Active" };
        }

        obj.GetOrAddObject("status").DefaultString("phase", "Active");
    }
}
