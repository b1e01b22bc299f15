namespace Keelson.Kubernetes.Resources;

/// <summary>Evicts a pod subject to disruption budgets (policy/v1 Eviction); posted to <c>pods/eviction</c>.</summary>
public sealed class Eviction : KubernetesObject
{
    /// <summary>Options for the deletion of the pod.</summary>
    public DeleteOptions? DeleteOptions { get; set; }
}
