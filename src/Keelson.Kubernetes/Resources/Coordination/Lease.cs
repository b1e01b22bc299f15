namespace Keelson.Kubernetes.Resources;

/// <summary>A lease for leader election and node heartbeats (coordination.k8s.io/v1 Lease).</summary>
public sealed class Lease : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>leases</c> in <c>coordination.k8s.io/v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("coordination.k8s.io", "v1", "Lease", "leases", Namespaced: true);

    /// <summary>The lease's holder and times.</summary>
    public LeaseSpec? Spec { get; set; }
}
