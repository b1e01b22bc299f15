namespace Keelson.Kubernetes.Resources;

/// <summary>A typed model of a built-in kind: says where the kind lives so a client needs no discovery for it.</summary>
public interface IKubernetesResource
{
    /// <summary>The API coordinates of the kind.</summary>
    static abstract ApiResource Resource { get; }
}
