using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Nodes;

/// <summary>The taints kube-controller-manager puts on nodes for their conditions, and which of them it owns.</summary>
internal static class NodeTaints
{
    /// <summary>Ready=False.</summary>
    public const string NotReady = "node.kubernetes.io/not-ready";

    /// <summary>Ready=Unknown (no heartbeat).</summary>
    public const string Unreachable = "node.kubernetes.io/unreachable";

    /// <summary>spec.unschedulable (cordoned).</summary>
    public const string Unschedulable = "node.kubernetes.io/unschedulable";

    /// <summary>The condition-to-taint map of TaintNodesByCondition (NoSchedule).</summary>
    public static readonly IReadOnlyDictionary<string, string> ByCondition = new Dictionary<string, string>
    {
        ["MemoryPressure"] = "node.kubernetes.io/memory-pressure",
        ["DiskPressure"] = "node.kubernetes.io/disk-pressure",
        ["PIDPressure"] = "node.kubernetes.io/pid-pressure",
        ["NetworkUnavailable"] = "node.kubernetes.io/network-unavailable",
    };

    /// <summary>Whether the controller owns a taint (and may remove it).</summary>
    public static bool IsManaged(Taint taint) =>
        taint.Effect == "NoExecute"
            ? taint.Key is NotReady or Unreachable
            : taint.Effect == "NoSchedule" && (taint.Key is NotReady or Unreachable or Unschedulable || ByCondition.Values.Contains(taint.Key));

    /// <summary>The NoSchedule taints a node with these conditions and cordon state should carry.</summary>
    public static List<Taint> NoSchedule(string? ready, IReadOnlyDictionary<string, string> conditions, bool unschedulable)
    {
        var taints = new List<Taint>();
        if (ready == "False")
        {
            taints.Add(new Taint { Key = NotReady, Effect = "NoSchedule" });
        }
        else if (ready == "Unknown")
        {
            taints.Add(new Taint { Key = Unreachable, Effect = "NoSchedule" });
        }

        foreach (var (condition, key) in ByCondition)
        {
            if (conditions.GetValueOrDefault(condition) == "True")
            {
                taints.Add(new Taint { Key = key, Effect = "NoSchedule" });
            }
        }

        if (unschedulable)
        {
            taints.Add(new Taint { Key = Unschedulable, Effect = "NoSchedule" });
        }

        return taints;
    }
}
