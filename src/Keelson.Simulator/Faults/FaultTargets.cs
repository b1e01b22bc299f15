using System.Globalization;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Yaml;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Registry;

namespace Keelson.Simulator.Faults;

/// <summary>Parameter checks and event targets shared by the fault types.</summary>
internal static class FaultTargets
{
    /// <summary>Null when <c>node</c> names an existing node, else what is wrong.</summary>
    public static string? CheckNode(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster)
    {
        if (!parameters.TryGetValue("node", out var node) || node.Length == 0)
        {
            return "parameter \"node\" is required (the node's name, e.g. node=" + ExampleNode(cluster) + ")";
        }

        return cluster.Store.Table(cluster.Kinds.Node).Get(new ObjectKey("", node)) is null
            ? $"cluster \"{cluster.ClusterName}\" has no node \"{node}\" (e.g. {ExampleNode(cluster)}; list them with kubectl get nodes)"
            : null;
    }

    /// <summary>The event target for a node fault.</summary>
    public static InvolvedObject Node(IReadOnlyDictionary<string, string> parameters, SimulationContext cluster)
    {
        var name = parameters["node"];
        var uid = cluster.Store.Table(cluster.Kinds.Node).Get(new ObjectKey("", name))?.Uid ?? "";
        return new InvolvedObject("Node", "v1", "", name, uid);
    }

    /// <summary>The event target for a cluster-wide fault: the kube-system namespace.</summary>
    public static InvolvedObject ClusterWide(SimulationContext cluster)
    {
        var uid = cluster.Store.Table(cluster.Kinds.Namespace).Get(new ObjectKey("", "kube-system"))?.Uid ?? "";
        return new InvolvedObject("Namespace", "v1", "", "kube-system", uid);
    }

    /// <summary>Null when <paramref name="name"/> is present and non-empty.</summary>
    public static string? Require(IReadOnlyDictionary<string, string> parameters, string name, string example) =>
        parameters.TryGetValue(name, out var value) && value.Length > 0 ? null : $"parameter \"{name}\" is required, e.g. {name}={example}";

    /// <summary>A duration parameter (Go syntax), or <paramref name="fallback"/>.</summary>
    public static TimeSpan Duration(IReadOnlyDictionary<string, string> parameters, string name, TimeSpan fallback) =>
        parameters.TryGetValue(name, out var text) && GoDuration.TryParse(text, out var value) ? value : fallback;

    /// <summary>Null when the optional duration parameter parses.</summary>
    public static string? CheckDuration(IReadOnlyDictionary<string, string> parameters, string name) =>
        !parameters.TryGetValue(name, out var text) || GoDuration.TryParse(text, out var value) && value > TimeSpan.Zero
            ? null
            : $"parameter \"{name}\": \"{text}\" is not a positive duration such as 500ms, 30s or 2m";

    /// <summary>A number parameter, or <paramref name="fallback"/>.</summary>
    public static double Number(IReadOnlyDictionary<string, string> parameters, string name, double fallback) =>
        parameters.TryGetValue(name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string ExampleNode(SimulationContext cluster) =>
        cluster.Store.Table(cluster.Kinds.Node).List(null, null, 1).Items is [var first, ..] ? first.Key.Name : "NODE";

    /// <summary>The zones the cluster's nodes are in.</summary>
    public static IReadOnlySet<string> Zones(SimulationContext cluster) =>
        cluster.Store.Table(cluster.Kinds.Node).List(null, null).Items
            .Select(n => n.Labels?.GetValueOrDefault("topology.kubernetes.io/zone"))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Writes through the registry as the fault injector.</summary>
    public static WriteContext Writer => WriteContext.For("keelson-sim-faults");
}
