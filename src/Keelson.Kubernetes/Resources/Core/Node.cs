namespace Keelson.Kubernetes.Resources;

/// <summary>A worker machine (core/v1 Node).</summary>
public sealed class Node : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>nodes</c> in <c>v1</c>, cluster-scoped.</summary>
    public static ApiResource Resource { get; } = new("", "v1", "Node", "nodes", Namespaced: false);

    /// <summary>How the node is configured: pod CIDRs, provider ID, taints, schedulability.</summary>
    public NodeSpec? Spec { get; set; }

    /// <summary>The node's capacity, conditions, addresses and system information.</summary>
    public NodeStatus? Status { get; set; }
}
