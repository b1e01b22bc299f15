using System.Text.Json.Nodes;
using Keelson.Simulator.Controllers.Pods;

namespace Keelson.Simulator.Controllers.Endpoints;

/// <summary>
/// Packs (address, port) pairs into Endpoints subsets as kube's <c>RepackSubsets</c> does: ports
/// served by exactly the same addresses (with the same readiness) share a subset; addresses sorted
/// by IP then pod uid. kube orders ports and subsets by a hash of Go structs; here they are sorted
/// by their JSON, which is as stable.
/// </summary>
internal sealed class SubsetPacker
{
    private readonly Dictionary<string, (JsonObject? Port, Dictionary<(string Ip, string Uid), (JsonObject Address, bool Ready)> Addresses)> _byPort = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="pod"/>'s address serves <paramref name="port"/> (null: a headless service without ports).</summary>
    public void Add(PodFacts pod, JsonObject address, bool ready, JsonObject? port)
    {
        var key = port?.ToJsonString() ?? "";
        if (!_byPort.TryGetValue(key, out var entry))
        {
            entry = (port, new());
            _byPort[key] = entry;
        }

        // An address ready for a port stays ready if another subset lists it as not ready.
        var id = (pod.PodIp!, pod.Uid);
        if (!entry.Addresses.TryGetValue(id, out var existing) || !existing.Ready)
        {
            entry.Addresses[id] = (address, ready);
        }
    }

    /// <summary>The packed subsets.</summary>
    public JsonArray Subsets()
    {
        var groups = new Dictionary<string, (List<(JsonObject Address, bool Ready)> Addresses, List<JsonObject> Ports)>(StringComparer.Ordinal);
        foreach (var (portKey, (port, addresses)) in _byPort.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var sorted = addresses.OrderBy(a => a.Key.Ip, StringComparer.Ordinal).ThenBy(a => a.Key.Uid, StringComparer.Ordinal).ToList();
            var addressKey = string.Join('|', sorted.Select(a => $"{a.Key.Ip}/{a.Key.Uid}/{a.Value.Ready}"));
            if (!groups.TryGetValue(addressKey, out var group))
            {
                group = ([.. sorted.Select(a => a.Value)], []);
                groups[addressKey] = group;
            }

            if (port is not null)
            {
                group.Ports.Add(port);
            }
        }

        var subsets = new List<(string Key, JsonObject Subset)>();
        foreach (var (addresses, ports) in groups.Values)
        {
            var subset = new JsonObject();
            var ready = addresses.Where(a => a.Ready).Select(a => (JsonNode?)a.Address.DeepClone()).ToArray();
            var notReady = addresses.Where(a => !a.Ready).Select(a => (JsonNode?)a.Address.DeepClone()).ToArray();
            if (ready.Length > 0)
            {
                subset["addresses"] = new JsonArray(ready);
            }

            if (notReady.Length > 0)
            {
                subset["notReadyAddresses"] = new JsonArray(notReady);
            }

            if (ports.Count > 0)
            {
                subset["ports"] = new JsonArray([.. ports.Select(p => (JsonNode?)p.DeepClone())]);
            }

            subsets.Add((string.Join('|', ports.Select(p => p.ToJsonString())), subset));
        }

        return new JsonArray([.. subsets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (JsonNode?)s.Subset)]);
    }
}
