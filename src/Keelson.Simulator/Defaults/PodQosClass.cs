using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// The QoS class kube-apiserver writes into <c>status.qosClass</c> on pod create, from the CPU and memory requests
/// and limits of all containers and init containers.
/// </summary>
internal static class PodQosClass
{
    private static readonly string[] QosResources = ["cpu", "memory"];

    /// <summary><c>Guaranteed</c>, <c>Burstable</c> or <c>BestEffort</c>.</summary>
    public static string Compute(JsonObject? podSpec)
    {
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var limits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var guaranteed = true;
        var containers = podSpec.GetArray("containers").Objects().Concat(podSpec.GetArray("initContainers").Objects());
        foreach (var container in containers)
        {
            var resources = container.GetObject("resources");
            AddPositive(resources.GetObject("requests"), requests);
            var found = AddPositive(resources.GetObject("limits"), limits);
            if (!found.Contains("cpu") || !found.Contains("memory"))
            {
                guaranteed = false;
            }
        }

        if (requests.Count == 0 && limits.Count == 0)
        {
            return "BestEffort";
        }

        if (guaranteed
            && requests.All(r => limits.TryGetValue(r.Key, out var limit) && limit == r.Value)
            && requests.Count == limits.Count)
        {
            return "Guaranteed";
        }

        return "Burstable";
    }

    // Sums the positive CPU and memory quantities into totals; returns which of them this container set.
    private static HashSet<string> AddPositive(JsonObject? list, Dictionary<string, decimal> totals)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in QosResources)
        {
            // A quantity may arrive as a JSON number (cpu: 1) as well as a string.
            var text = list?[name] is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;
            if (ResourceQuantity.TryParse(text, out var value) && value > 0)
            {
                found.Add(name);
                totals[name] = totals.GetValueOrDefault(name) + value;
            }
        }

        return found;
    }
}
