namespace Keelson.Kubernetes.Resources;

/// <summary>A scope for names, quotas and policies (core/v1 Namespace).</summary>
public sealed class Namespace : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>namespaces</c> in <c>v1</c>, cluster-scoped.</summary>
    public static ApiResource Resource { get; } = new("", "v1", "Namespace", "namespaces", Namespaced: false);

    /// <summary>The namespace's finalizers.</summary>
    public NamespaceSpec? Spec { get; set; }

    /// <summary>The namespace's phase and conditions.</summary>
    public NamespaceStatus? Status { get; set; }
}
