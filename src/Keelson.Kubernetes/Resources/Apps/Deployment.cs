namespace Keelson.Kubernetes.Resources;

/// <summary>Declarative updates for pods and replica sets (apps/v1 Deployment).</summary>
public sealed class Deployment : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>deployments</c> in <c>apps/v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("apps", "v1", "Deployment", "deployments", Namespaced: true);

    /// <summary>The desired state of the deployment.</summary>
    public DeploymentSpec? Spec { get; set; }

    /// <summary>The most recently observed state of the deployment.</summary>
    public DeploymentStatus? Status { get; set; }
}
