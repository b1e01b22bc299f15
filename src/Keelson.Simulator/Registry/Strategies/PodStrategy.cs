using System.Text.Json.Nodes;

namespace Keelson.Simulator.Registry.Strategies;

/// <summary>A new pod is Pending with its QoS class computed from its containers' requests and limits.</summary>
internal sealed class PodStrategy : IKindStrategy
{
    public void PrepareForCreate(JsonObject obj, StrategyContext context) =>
        obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = QosClass(obj) };

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
