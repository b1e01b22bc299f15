namespace Keelson.Kubernetes.Resources;

/// <summary>Resource usage of a node (metrics.k8s.io/v1beta1 NodeMetrics).</summary>
public sealed class NodeMetrics : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>nodes</c> in <c>metrics.k8s.io/v1beta1</c>, cluster-scoped.</summary>
    public static ApiResource Resource { get; } = new("metrics.k8s.io", "v1beta1", "NodeMetrics", "nodes", Namespaced: false);

    /// <summary>End of the window the usage was measured in.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Resource usage, e.g. <c>cpu</c> and <c>memory</c>.</summary>
    public Dictionary<string, Quantity>? Usage { get; set; }

    /// <summary>Length of the measuring window as a Go duration, e.g. <c>20.05s</c>.</summary>
    public string? Window { get; set; }
}
