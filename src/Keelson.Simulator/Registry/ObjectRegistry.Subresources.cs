using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Simulator.Api;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Registry;

/// <summary>The write subresources: scale, binding and eviction.</summary>
public sealed partial class ObjectRegistry
{
    /// <summary>The <c>autoscaling/v1 Scale</c> of a deployment, replica set or stateful set.</summary>
    public JsonObject GetScale(ResourceKind kind, string? @namespace, string name)
    {
        var stored = Get(kind, @namespace, name) ?? throw ApiException.NotFound(kind, name);
        return ScaleOf(Parse(stored), stored);
    }

    /// <summary>Sets replicas through the scale subresource (PUT, or a patch already applied to the Scale).</summary>
    public JsonObject UpdateScale(ResourceKind kind, string? @namespace, string name, JsonObject scale, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var replicas = scale["spec"]?["replicas"]?.GetValue<int>() ?? 0;
        if (replicas < 0)
        {
            throw new ApiException(422, "Invalid", $"Scale.autoscaling \"{name}\" is invalid: spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0",
                new JsonObject
                {
                    ["name"] = name,
                    ["group"] = "autoscaling",
                    ["kind"] = "Scale",
                    ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = $"Invalid value: {replicas}: must be greater than or equal to 0", ["field"] = "spec.replicas" }),
                });
        }

        var version = scale["metadata"]?["resourceVersion"]?.GetValue<string>();
        var key = Key(kind, @namespace, name);
        var stored = WriteExisting(kind, key, context, allowCreate: false, current =>
        {
            var old = Parse(current!);
            CheckPreconditions(kind, name, current!, version, null);
            var updated = old.DeepClone().AsObject();
            ((JsonObject)(updated["spec"] ??= new JsonObject()))["replicas"] = replicas;
            return PrepareUpdate(kind, old, updated, null, context);
        });
        return ScaleOf(Parse(stored), stored);
    }

    /// <summary>Binds a pod to a node (what the scheduler does): sets <c>spec.nodeName</c> once.</summary>
    public StoredObject Bind(ResourceKind pods, string @namespace, string name, string node, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = TimeText(_time.GetUtcNow());
        var key = Key(pods, @namespace, name);
        return WriteExisting(pods, key, context, allowCreate: false, current =>
        {
            var pod = Parse(current!);
            if (pod["spec"]?["nodeName"]?.GetValue<string>() is { Length: > 0 } assigned)
            {
                throw ApiException.Conflict(pods, name, $"pod {name} is already assigned to node \"{assigned}\"");
            }

            if (Metadata(pod)["deletionTimestamp"] is not null)
            {
                throw ApiException.Conflict(pods, name, $"pod {name} is being deleted, cannot be assigned to a host");
            }

            var bound = pod.DeepClone().AsObject();
            bound["spec"]!["nodeName"] = node;
            var status = bound["status"] as JsonObject ?? [];
            var conditions = status["conditions"] as JsonArray ?? [];
            foreach (var existing in conditions.OfType<JsonObject>().Where(c => c["type"]?.GetValue<string>() == "PodScheduled").ToList())
            {
                conditions.Remove(existing);
            }

            conditions.Add(new JsonObject { ["lastProbeTime"] = null, ["lastTransitionTime"] = now, ["status"] = "True", ["type"] = "PodScheduled" });
            status["conditions"] = conditions;
            bound["status"] = status;
            return PrepareUpdate(pods, pod, bound, "*", context);
        });
    }

    /// <summary>
    /// Evicts a pod, as the eviction subresource does: refused with 429 while its
    /// PodDisruptionBudget allows no disruption, otherwise the budget is charged and the pod deleted.
    /// </summary>
    public DeleteOutcome Evict(ResourceKind pods, string @namespace, string name, DeleteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stored = Get(pods, @namespace, name) ?? throw ApiException.NotFound(pods, name);
        var pod = Parse(stored);
        var phase = pod["status"]?["phase"]?.GetValue<string>();
        if (phase is not ("Succeeded" or "Failed") && !stored.Terminating)
        {
            ChargeDisruptionBudget(@namespace, name, stored, options.DryRun);
        }

        return Delete(pods, @namespace, name, options);
    }

    private void ChargeDisruptionBudget(string @namespace, string podName, StoredObject pod, bool dryRun)
    {
        var pdbs = _store.Catalog.ByKind("policy/v1", "PodDisruptionBudget")!;
        var table = _store.Table(pdbs);
        var matching = table.List(@namespace, pdb => SelectorMatches(Parse(pdb)["spec"]?["selector"] as JsonObject, pod.Labels)).Items;
        if (matching.Count == 0)
        {
            return;
        }

        if (matching.Count > 1)
        {
            throw new ApiException(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }

        var now = TimeText(_time.GetUtcNow());
        table.Write(matching[0].Key, current =>
        {
            if (current is null)
            {
                return Mutation.None;
            }

            var pdb = Parse(current);
            var status = pdb["status"] as JsonObject ?? [];
            var allowed = status["disruptionsAllowed"]?.GetValue<int>() ?? 0;
            var generation = Metadata(pdb)["generation"]?.GetValue<long>() ?? 0;
            var observed = status["observedGeneration"]?.GetValue<long>() ?? 0;
            if (observed < generation || allowed <= 0)
            {
                var desired = status["desiredHealthy"]?.GetValue<int>() ?? 0;
                var healthy = status["currentHealthy"]?.GetValue<int>() ?? 0;
                var why = observed < generation
                    ? "The disruption budget is still being processed by the server."
                    : $"The disruption budget {current.Key.Name} needs {desired} healthy pods and has {healthy} currently";
                throw new ApiException(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.", new JsonObject
                {
                    ["causes"] = new JsonArray(new JsonObject { ["reason"] = "DisruptionBudget", ["message"] = why }),
                });
            }

            if (dryRun)
            {
                return Mutation.None;
            }

            status["disruptionsAllowed"] = allowed - 1;
            var disrupted = status["disruptedPods"] as JsonObject ?? [];
            disrupted[podName] = now;
            status["disruptedPods"] = disrupted;
            pdb["status"] = status;
            return Mutation.Put(pdb);
        });
    }

    private static JsonObject ScaleOf(JsonObject obj, StoredObject stored)
    {
        var meta = Metadata(obj);
        var scaleMeta = new JsonObject
        {
            ["name"] = meta["name"]?.DeepClone(),
            ["namespace"] = meta["namespace"]?.DeepClone(),
            ["uid"] = meta["uid"]?.DeepClone(),
            ["resourceVersion"] = stored.ResourceVersion.ToString(CultureInfo.InvariantCulture),
            ["creationTimestamp"] = meta["creationTimestamp"]?.DeepClone(),
        };
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMeta,
            ["spec"] = new JsonObject { ["replicas"] = obj["spec"]?["replicas"]?.GetValue<int>() ?? 0 },
            ["status"] = new JsonObject
            {
                ["replicas"] = obj["status"]?["replicas"]?.GetValue<int>() ?? 0,
                ["selector"] = SelectorText(obj["spec"]?["selector"] as JsonObject),
            },
        };
    }
}
