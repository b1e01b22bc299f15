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

    /// <summary>Sets replicas through the scale subresource (PUT).</summary>
    public JsonObject UpdateScale(ResourceKind kind, string? @namespace, string name, JsonObject scale, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return UpdateScale(kind, @namespace, name, _ => scale, context);
    }

    /// <summary>
    /// Sets replicas through the scale subresource to what <paramref name="change"/> makes of the current Scale (PATCH).
    /// The change is applied to the object as it is at the write, as kube-apiserver applies a patch, so a patch that
    /// names no resourceVersion never conflicts with a controller's concurrent status write.
    /// </summary>
    public JsonObject UpdateScale(ResourceKind kind, string? @namespace, string name, Func<JsonObject, JsonObject> change, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(change);
        var key = Key(kind, @namespace, name);
        var stored = WriteExisting(kind, key, context, allowCreate: false, current =>
        {
            var old = Parse(current!);
            var scale = change(ScaleOf(old, current!));
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

            CheckPreconditions(kind, name, current!, scale["metadata"]?["resourceVersion"]?.GetValue<string>(), null);
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
    /// A pod that has not started, has finished or is already going needs no budget; one that is
    /// not ready is deleted without charging while its budget is healthy (or allows it always).
    /// </summary>
    public DeleteOutcome Evict(ResourceKind pods, string @namespace, string name, DeleteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stored = Get(pods, @namespace, name) ?? throw ApiException.NotFound(pods, name);
        var pod = Parse(stored);
        var phase = pod["status"]?["phase"]?.GetValue<string>();
        if (phase is "Succeeded" or "Failed" or "Pending" || stored.Terminating)
        {
            return Delete(pods, @namespace, name, options);
        }

        var budget = ChargeDisruptionBudget(@namespace, name, stored, IsReady(pod), options.DryRun);
        if (budget is null || options.PreconditionResourceVersion is not null)
        {
            return Delete(pods, @namespace, name, options);
        }

        // kube deletes an uncharged pod only as it was judged: had it become ready since, the budget must decide again.
        try
        {
            return Delete(pods, @namespace, name, options with { PreconditionResourceVersion = stored.ResourceVersion.ToString(CultureInfo.InvariantCulture) });
        }
        catch (ApiException e) when (e.Code == 409)
        {
            throw StillProcessing(budget);
        }
    }

    /// <summary>Evictions a budget may have recorded and the disruption controller not yet confirmed (kube's <c>MaxDisruptedPodSize</c>).</summary>
    private const int MaxDisruptedPods = 2000;

    private static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");

    /// <summary>
    /// Charges the pod's budget, if it has one. Returns the budget's name when the pod is let go
    /// uncharged (it is not ready and the budget can spare it), else null.
    /// </summary>
    private string? ChargeDisruptionBudget(string @namespace, string podName, StoredObject pod, bool ready, bool dryRun)
    {
        var pdbs = _store.Catalog.ByKind("policy/v1", "PodDisruptionBudget")!;
        var table = _store.Table(pdbs);
        // A budget with an empty selector protects nothing here, whatever its status says.
        var matching = table.List(@namespace, pdb => Parse(pdb)["spec"]?["selector"] is JsonObject { Count: > 0 } selector && SelectorMatches(selector, pod.Labels)).Items;
        if (matching.Count == 0)
        {
            return null;
        }

        if (matching.Count > 1)
        {
            throw new ApiException(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }

        string? uncharged = null;
        var now = _time.GetUtcNow();
        table.Write(matching[0].Key, current =>
        {
            if (current is null)
            {
                return Mutation.None;
            }

            var pdb = Parse(current);
            var status = pdb["status"] as JsonObject ?? [];
            var desired = status["desiredHealthy"]?.GetValue<int>() ?? 0;
            var healthy = status["currentHealthy"]?.GetValue<int>() ?? 0;
            if (!ready && (pdb["spec"]?["unhealthyPodEvictionPolicy"]?.GetValue<string>() == "AlwaysAllow" || (healthy >= desired && desired > 0)))
            {
                uncharged = current.Key.Name; // not ready, so not counted as healthy: nothing to charge
                return Mutation.None;
            }

            var allowed = status["disruptionsAllowed"]?.GetValue<int>() ?? 0;
            var generation = Metadata(pdb)["generation"]?.GetValue<long>() ?? 0;
            var observed = status["observedGeneration"]?.GetValue<long>() ?? 0;
            if (observed < generation)
            {
                throw StillProcessing(current.Key.Name);
            }

            if (status["disruptedPods"] is JsonObject { Count: > MaxDisruptedPods })
            {
                throw ApiException.Forbidden(pdbs, current.Key.Name, "DisruptedPods map too big - too many evictions not confirmed by PDB controller");
            }

            if (allowed <= 0)
            {
                throw new ApiException(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.", new JsonObject
                {
                    ["causes"] = new JsonArray(new JsonObject
                    {
                        ["reason"] = "DisruptionBudget",
                        ["message"] = $"The disruption budget {current.Key.Name} needs {desired} healthy pods and has {healthy} currently",
                    }),
                });
            }

            if (dryRun)
            {
                return Mutation.None;
            }

            status["disruptionsAllowed"] = allowed - 1;
            if (allowed == 1)
            {
                SetInsufficientPods(status, observed, now);
            }

            var disrupted = status["disruptedPods"] as JsonObject ?? [];
            disrupted[podName] = TimeText(now);
            status["disruptedPods"] = disrupted;
            pdb["status"] = status;
            return Mutation.Put(pdb);
        });
        return uncharged;
    }

    /// <summary>The 429 kube answers while the disruption controller has not caught up with the budget.</summary>
    private static ApiException StillProcessing(string budget) =>
        new(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.", new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject
            {
                ["reason"] = "DisruptionBudget",
                ["message"] = $"The disruption budget {budget} is still being processed by the server.",
            }),
            ["retryAfterSeconds"] = 10,
        })
        {
            RetryAfterSeconds = 10,
        };

    /// <summary>The budget's last disruption is spent: its DisruptionAllowed condition turns False, as kube's eviction sets it.</summary>
    private static void SetInsufficientPods(JsonObject status, long observedGeneration, DateTimeOffset now)
    {
        var conditions = status["conditions"] as JsonArray ?? [];
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == "DisruptionAllowed");
        var condition = new JsonObject { ["type"] = "DisruptionAllowed", ["status"] = "False" };
        if (observedGeneration != 0)
        {
            condition["observedGeneration"] = observedGeneration;
        }

        condition["lastTransitionTime"] = existing?["status"]?.GetValue<string>() == "False" ? existing["lastTransitionTime"]?.DeepClone() : TimeText(now);
        condition["reason"] = "InsufficientPods";
        condition["message"] = "";
        if (existing is null)
        {
            conditions.Add(condition);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }

        status["conditions"] = conditions;
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
