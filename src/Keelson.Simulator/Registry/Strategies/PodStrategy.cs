using System.Text.Json.Nodes;

namespace Keelson.Simulator.Registry.Strategies;

/// <summary>A new pod is Pending with its QoS class computed from its containers' requests and limits.</summary>
internal sealed class PodStrategy : IKindStrategy
{
    public void PrepareForCreate(JsonObject obj, StrategyContext context)
    {
        obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = QosClass(obj) };
        AddDefaultTolerations(obj, context.DefaultTolerationSeconds);
    }

    /// <summary>As the DefaultTolerationSeconds admission plugin: tolerate a not-ready or unreachable node for a while.</summary>
    private static void AddDefaultTolerations(JsonObject pod, int seconds)
    {
        if (pod["spec"] is not JsonObject spec)
        {
            return;
        }

        var tolerations = spec["tolerations"] as JsonArray ?? [];
        foreach (var key in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            var present = tolerations.OfType<JsonObject>().Any(t =>
                (t["key"]?.GetValue<string>() == key || (t["key"] is null && t["operator"]?.GetValue<string>() == "Exists")) &&
                t["effect"]?.GetValue<string>() is null or "NoExecute");
            if (!present)
            {
                tolerations.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = seconds });
            }
        }

        spec["tolerations"] = tolerations;
    }

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext context)
    {
    }

    /// <summary>Guaranteed: every container limits cpu and memory with requests equal; BestEffort: nothing set; else Burstable.</summary>
    internal static string QosClass(JsonObject pod)
    {
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).Concat(pod["spec"]?["initContainers"] as JsonArray ?? []);
        var any = false;
        var guaranteed = true;
        foreach (var container in containers)
        {
            var requests = container?["resources"]?["requests"] as JsonObject;
            var limits = container?["resources"]?["limits"] as JsonObject;
            any |= requests is { Count: > 0 } || limits is { Count: > 0 };
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var limit = limits?[resource]?.ToString();
                var request = requests?[resource]?.ToString() ?? limit;
                if (limit is null || request != limit)
                {
                    guaranteed = false;
                }
            }
        }

        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}
