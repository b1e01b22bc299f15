namespace Keelson.Kubernetes.Resources;

/// <summary>The addresses behind a service (core/v1 Endpoints).</summary>
public sealed class Endpoints : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>endpoints</c> in <c>v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("", "v1", "Endpoints", "endpoints", Namespaced: true);

    /// <summary>Groups of addresses sharing the same ports.</summary>
    public List<EndpointSubset>? Subsets { get; set; }
}
