namespace Keelson.Kubernetes.Config;

/// <summary>What one kubeconfig file (or text) defines, before files are merged.</summary>
internal sealed class KubeConfigFile
{
    public Dictionary<string, KubeConfigCluster> Clusters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, KubeConfigUser> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, KubeConfigContext> Contexts { get; } = new(StringComparer.Ordinal);

    public string? CurrentContext { get; set; }
}
