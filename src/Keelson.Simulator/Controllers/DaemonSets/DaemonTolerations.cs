using System.Text.Json.Nodes;

namespace Keelson.Simulator.Controllers.DaemonSets;

/// <summary>
/// The tolerations every daemon pod gets (kube's <c>AddOrUpdateDaemonPodTolerations</c>): it stays
/// on a not-ready or unreachable node for good, and may land on nodes under disk, memory or PID
/// pressure, cordoned ones, and — with host networking — ones whose network is not ready.
/// </summary>
public static class DaemonTolerations
{
    private static readonly (string Key, string Effect)[] Always =
    [
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];

    /// <summary>Adds the daemon tolerations to a pod spec, replacing one with the same key, operator, value and effect.</summary>
    public static void AddTo(JsonObject spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var tolerations = spec["tolerations"] as JsonArray ?? [];
        var wanted = Always.ToList();
        if (spec["hostNetwork"]?.GetValue<bool>() == true)
        {
            wanted.Add(("node.kubernetes.io/network-unavailable", "NoSchedule"));
        }

        foreach (var (key, effect) in wanted)
        {
            var toleration = new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = effect };
            // kube's AddOrUpdateTolerationInPodSpec: one toleration per <key, operator, value, effect>.
            var same = tolerations.OfType<JsonObject>().FirstOrDefault(t =>
                (t["key"]?.GetValue<string>() ?? "") == key && t["operator"]?.GetValue<string>() == "Exists" &&
                (t["value"]?.GetValue<string>() ?? "") == "" && t["effect"]?.GetValue<string>() == effect);
            if (same is null)
            {
                tolerations.Add(toleration);
            }
            else
            {
                tolerations[tolerations.IndexOf(same)] = toleration;
            }
        }

        spec["tolerations"] = tolerations;
    }
}
