namespace Keelson.Kubernetes.Resources;

/// <summary>Runs a copy of a pod on each eligible node (apps/v1 DaemonSet).</summary>
public sealed class DaemonSet : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>daemonsets</c> in <c>apps/v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("apps", "v1", "DaemonSet", "daemonsets", Namespaced: true);

    /// <summary>The desired state of the daemon set.</summary>
    public DaemonSetSpec? Spec { get; set; }

    /// <summary>The most recently observed state of the daemon set.</summary>
    public DaemonSetStatus? Status { get; set; }
}
