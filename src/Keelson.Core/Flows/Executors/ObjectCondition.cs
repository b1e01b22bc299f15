using System.Text.Json;
using Keelson.Kubernetes.Resources;

namespace Keelson.Core.Flows.Executors;

/// <summary>
/// A condition on an object, as <c>kube.wait</c> and <c>soak</c> test it: <c>available</c> (a
/// Deployment, StatefulSet or DaemonSet fully rolled out and available), <c>ready</c> (a Node or Pod
/// Ready), <c>exists</c>, <c>deleted</c>, or <c>TYPE=STATUS</c> for any entry of <c>status.conditions</c>
/// (e.g. <c>Progressing=True</c>).
/// </summary>
internal static class ObjectCondition
{
    public const string Accepted = "available, ready, exists, deleted, or TYPE=STATUS (a status condition, e.g. Ready=True)";

    /// <summary>Checks <paramref name="condition"/> is one this type understands.</summary>
    public static bool IsKnown(string condition) =>
        condition is "available" or "ready" or "exists" or "deleted" || (condition.Split('=') is [{ Length: > 0 }, { Length: > 0 }]);

    /// <summary>Whether <paramref name="obj"/> (null when it does not exist) meets the condition, and what was seen.</summary>
    public static (bool Met, string Observed) Test(string condition, GenericObject? obj)
    {
        if (condition == "deleted")
        {
            return obj is null ? (true, "it is gone") : (false, obj.Metadata.DeletionTimestamp is null ? "it still exists" : "it is being deleted");
        }

        if (obj is null)
        {
            return (false, "it does not exist");
        }

        var status = obj.Field("status");
        var spec = obj.Field("spec");
        switch (condition)
        {
            case "exists":
                return (true, "it exists");
            case "ready":
                return Condition(status, "Ready", "True");
            case "available":
                return Available(obj, spec, status);
        }

        var parts = condition.Split('=', 2);
        return Condition(status, parts[0], parts[1]);
    }

    private static (bool, string) Condition(JsonElement? status, string type, string wanted)
    {
        if (status is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in conditions.EnumerateArray())
            {
                if (c.TryGetProperty("type", out var t) && t.GetString() == type)
                {
                    var value = c.TryGetProperty("status", out var v) ? v.GetString() : null;
                    var why = c.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 } message ? $" ({message})" : "";
                    return (string.Equals(value, wanted, StringComparison.OrdinalIgnoreCase), $"{type}={value}{why}");
                }
            }
        }

        return (false, $"it has no {type} condition yet");
    }

    private static (bool, string) Available(GenericObject obj, JsonElement? spec, JsonElement? status)
    {
        long Number(JsonElement? element, string name) =>
            element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var v) && v.TryGetInt64(out var n) ? n : 0;

        var observed = Number(status, "observedGeneration");
        var generation = obj.Metadata.Generation ?? 0;
        if (observed < generation)
        {
            return (false, $"the controller has not seen generation {generation} yet (observed {observed})");
        }

        if (obj.Kind == "DaemonSet")
        {
            var desired = Number(status, "desiredNumberScheduled");
            var (updated, available) = (Number(status, "updatedNumberScheduled"), Number(status, "numberAvailable"));
            return (updated == desired && available == desired, $"{available} of {desired} available, {updated} updated");
        }

        var replicas = spec is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("replicas", out var r) && r.TryGetInt64(out var wanted) ? wanted : 1;
        var (up, ready, avail, total) = (Number(status, "updatedReplicas"), Number(status, "readyReplicas"), Number(status, "availableReplicas"), Number(status, "replicas"));
        var met = up == replicas && avail == replicas && total == replicas && (obj.Kind != "StatefulSet" || ready == replicas);
        return (met, $"{avail} of {replicas} available, {up} updated, {total} in total");
    }
}
