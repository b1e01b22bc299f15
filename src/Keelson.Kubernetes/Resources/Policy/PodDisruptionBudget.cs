namespace Keelson.Kubernetes.Resources;

/// <summary>Limits voluntary disruptions of a group of pods (policy/v1 PodDisruptionBudget).</summary>
public sealed class PodDisruptionBudget : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>poddisruptionbudgets</c> in <c>policy/v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", Namespaced: true);

    /// <summary>The desired budget.</summary>
    public PodDisruptionBudgetSpec? Spec { get; set; }

    /// <summary>The most recently observed state of the budget.</summary>
    public PodDisruptionBudgetStatus? Status { get; set; }
}
