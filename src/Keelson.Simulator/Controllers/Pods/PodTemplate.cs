using System.Text.Json.Nodes;

namespace Keelson.Simulator.Controllers.Pods;

/// <summary>
/// Pods made from a workload's pod template, as kube's <c>GetPodFromTemplate</c> makes them: the
/// template's labels, annotations, finalizers and spec, <c>generateName</c> from the owner's name,
/// and the owner as controller reference.
/// </summary>
public static class PodTemplate
{
    /// <summary>A new pod (not yet stored) from <paramref name="template"/>, owned by <paramref name="owner"/>.</summary>
    /// <param name="template">The <c>spec.template</c> of the owner (not changed).</param>
    /// <param name="namespace">The owner's namespace.</param>
    /// <param name="owner">The owner, as controller reference.</param>
    /// <param name="extraLabels">Labels the controller adds (revision hash, pod name).</param>
    public static JsonObject NewPod(JsonObject template, string @namespace, ControllerReference owner, IEnumerable<KeyValuePair<string, string>> extraLabels)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(extraLabels);
        var templateMeta = template["metadata"] as JsonObject;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in templateMeta?["labels"] as JsonObject ?? [])
        {
            labels[key] = value?.GetValue<string>() ?? "";
        }

        foreach (var (key, value) in extraLabels)
        {
            labels[key] = value;
        }

        var meta = new JsonObject
        {
            ["generateName"] = owner.Name + "-",
            ["namespace"] = @namespace,
            ["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
        };
        if (templateMeta?["annotations"] is JsonObject { Count: > 0 } annotations)
        {
            meta["annotations"] = annotations.DeepClone();
        }

        meta["ownerReferences"] = new JsonArray(OwnerReference(owner));
        if (templateMeta?["finalizers"] is JsonArray { Count: > 0 } finalizers)
        {
            meta["finalizers"] = finalizers.DeepClone();
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = meta,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>An owner reference to a controller, with <c>controller</c> and <c>blockOwnerDeletion</c> set as kube's <c>NewControllerRef</c> does.</summary>
    public static JsonObject OwnerReference(ControllerReference owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new JsonObject
        {
            ["apiVersion"] = owner.ApiVersion,
            ["kind"] = owner.Kind,
            ["name"] = owner.Name,
            ["uid"] = owner.Uid,
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        };
    }
}
