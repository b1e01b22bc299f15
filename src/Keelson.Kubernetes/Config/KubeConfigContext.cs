namespace Keelson.Kubernetes.Config;

/// <summary>A kubeconfig context: which cluster to talk to, as which user, in which namespace.</summary>
public sealed class KubeConfigContext
{
    /// <summary>The context's name.</summary>
    public required string Name { get; init; }

    /// <summary>The name of the cluster entry, or null when the context names none.</summary>
    public string? Cluster { get; init; }

    /// <summary>The name of the user entry, or null for anonymous requests.</summary>
    public string? User { get; init; }

    /// <summary>The default namespace, or null (which means <c>default</c>).</summary>
    public string? Namespace { get; init; }

    /// <summary>The file (or source name given to <see cref="KubeConfig.Parse"/>) that defines this context.</summary>
    public string Source { get; init; } = "";

    /// <summary>The 1-based line of the entry in <see cref="Source"/>, or 0 when unknown.</summary>
    public int Line { get; init; }

    internal string Where => KubeConfigLocation.Describe("context", Name, Source, Line);
}
