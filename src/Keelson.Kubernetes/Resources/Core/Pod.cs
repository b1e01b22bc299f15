namespace Keelson.Kubernetes.Resources;

/// <summary>A group of containers scheduled together on one node (core/v1 Pod).</summary>
public sealed class Pod : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>pods</c> in <c>v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("", "v1", "Pod", "pods", Namespaced: true);

    /// <summary>The desired behaviour of the pod.</summary>
    public PodSpec? Spec { get; set; }

    /// <summary>The most recently observed state of the pod.</summary>
    public PodStatus? Status { get; set; }
}
