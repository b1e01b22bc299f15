namespace Keelson.Simulator.Scenarios;

/// <summary>A group of identical nodes, spread round-robin over <see cref="Zones"/>.</summary>
public sealed class NodePoolSpec
{
    /// <summary>The pool's name; node names are <c>CLUSTER-POOL-NNNN</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>How many nodes.</summary>
    public int Count { get; set; }

    /// <summary>CPU capacity of each node, a quantity such as <c>"16"</c> or <c>"3500m"</c>.</summary>
    public string Cpu { get; set; } = "4";

    /// <summary>Memory capacity of each node, a quantity such as <c>64Gi</c>.</summary>
    public string Memory { get; set; } = "16Gi";

    /// <summary>Pod capacity of each node.</summary>
    public int Pods { get; set; } = 110;

    /// <summary>Zones (<c>topology.kubernetes.io/zone</c>); empty means one zone named after the cluster.</summary>
    public List<string> Zones { get; set; } = [];

    /// <summary>Extra node labels.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>Node taints, e.g. <c>{key: dedicated, value: gpu, effect: NoSchedule}</c>.</summary>
    public List<TaintSpec> Taints { get; set; } = [];
}
