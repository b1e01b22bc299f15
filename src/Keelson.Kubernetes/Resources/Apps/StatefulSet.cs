namespace Keelson.Kubernetes.Resources;

/// <summary>Pods with stable identities and storage (apps/v1 StatefulSet).</summary>
public sealed class StatefulSet : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>statefulsets</c> in <c>apps/v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("apps", "v1", "StatefulSet", "statefulsets", Namespaced: true);

    /// <summary>The desired state of the stateful set.</summary>
    public StatefulSetSpec? Spec { get; set; }

    /// <summary>The most recently observed state of the stateful set.</summary>
    public StatefulSetStatus? Status { get; set; }
}
