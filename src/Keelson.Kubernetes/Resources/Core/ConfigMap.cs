namespace Keelson.Kubernetes.Resources;

/// <summary>Non-confidential configuration data (core/v1 ConfigMap).</summary>
public sealed class ConfigMap : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>configmaps</c> in <c>v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("", "v1", "ConfigMap", "configmaps", Namespaced: true);

    /// <summary>Binary values, base64 in JSON.</summary>
    public Dictionary<string, byte[]>? BinaryData { get; set; }

    /// <summary>UTF-8 values.</summary>
    public Dictionary<string, string>? Data { get; set; }

    /// <summary>Whether the data can no longer change.</summary>
    public bool? Immutable { get; set; }
}
