namespace Keelson.Kubernetes.Resources;

/// <summary>A stable network endpoint for a set of pods (core/v1 Service).</summary>
public sealed class Service : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>services</c> in <c>v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("", "v1", "Service", "services", Namespaced: true);

    /// <summary>The service's ports, selector and type.</summary>
    public ServiceSpec? Spec { get; set; }

    /// <summary>The service's load balancer and conditions.</summary>
    public ServiceStatus? Status { get; set; }
}
