namespace Keelson.Kubernetes.Resources;

/// <summary>Resource usage of a pod's containers (metrics.k8s.io/v1beta1 PodMetrics).</summary>
public sealed class PodMetrics : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>pods</c> in <c>metrics.k8s.io/v1beta1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("metrics.k8s.io", "v1beta1", "PodMetrics", "pods", Namespaced: true);

    /// <summary>Usage of each container.</summary>
    public List<ContainerMetrics>? Containers { get; set; }

    /// <summary>End of the window the usage was measured in.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Length of the measuring window as a Go duration, e.g. <c>20.05s</c>.</summary>
    public string? Window { get; set; }
}
