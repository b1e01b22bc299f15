namespace Keelson.Kubernetes.Resources;

/// <summary>An identity for processes in pods (core/v1 ServiceAccount).</summary>
public sealed class ServiceAccount : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>serviceaccounts</c> in <c>v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("", "v1", "ServiceAccount", "serviceaccounts", Namespaced: true);

    /// <summary>Whether pods running as this account mount its token automatically.</summary>
    public bool? AutomountServiceAccountToken { get; set; }

    /// <summary>Secrets for pulling the images of pods using this account.</summary>
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }

    /// <summary>Secrets pods using this account may use.</summary>
    public List<ObjectReference>? Secrets { get; set; }
}
