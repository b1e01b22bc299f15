namespace Keelson.Kubernetes.Resources;

/// <summary>Confidential data such as passwords, tokens and keys (core/v1 Secret).</summary>
public sealed class Secret : KubernetesObject, IKubernetesResource
{
    /// <summary>Where the kind lives: <c>secrets</c> in <c>v1</c>, namespaced.</summary>
    public static ApiResource Resource { get; } = new("", "v1", "Secret", "secrets", Namespaced: true);

    /// <summary>The values, base64 in JSON.</summary>
    public Dictionary<string, byte[]>? Data { get; set; }

    /// <summary>Whether the data can no longer change.</summary>
    public bool? Immutable { get; set; }

    /// <summary>Write-only convenience: values merged into <see cref="Data"/> by the server.</summary>
    public Dictionary<string, string>? StringData { get; set; }

    /// <summary>The secret's type, e.g. <c>Opaque</c> or <c>kubernetes.io/tls</c>.</summary>
    public string? Type { get; set; }
}
