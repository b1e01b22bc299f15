namespace Keelson.Kubernetes.Resources;

/// <summary>Keeps a number of identical pods running (apps/v1 ReplicaSet).</summary>
public sealed class ReplicaSet : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>replicasets</c> in <c>apps/v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("apps", "v1", "ReplicaSet", "replicasets", Namespaced: true);

    /// <summary>The desired state of the replica set.</summary>
    public ReplicaSetSpec? Spec { get; set; }

    /// <summary>The most recently observed state of the replica set.</summary>
    public ReplicaSetStatus? Status { get; set; }
}
