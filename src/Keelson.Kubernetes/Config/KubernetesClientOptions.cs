using System.Security.Cryptography.X509Certificates;

namespace Keelson.Kubernetes.Config;

/// <summary>
/// Everything needed to talk to one cluster, resolved from a kubeconfig context, the in-cluster
/// service account, or set by hand. <see cref="ContextName"/>, <see cref="ClusterName"/> and
/// <see cref="UserName"/> are only used to say where a problem comes from.
/// </summary>
public sealed class KubernetesClientOptions
{
    /// <summary>The API server, possibly with a path prefix (<c>https://host:6443/clusters/prod-a</c>).</summary>
    public required Uri Server { get; init; }

    /// <summary>CAs the server's certificate must chain to. When null (and not skipping), the system store is used.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>Where the CAs came from, for error messages (e.g. <c>certificate-authority-data</c> or a file path).</summary>
    public string? CertificateAuthoritySource { get; init; }

    /// <summary>Accept any server certificate. Dangerous; for test clusters only.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The name to verify the server certificate against (SNI), when it differs from the server's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>The client certificate with its private key, for certificate authentication.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Supplies the Authorization header (bearer token, basic auth, exec plugin), or null for none.</summary>
    public ICredentialProvider? Credentials { get; init; }

    /// <summary>The default namespace of the context.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Timeout of one request (not of a watch or a followed log, which last as long as the caller wants).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a connection to the server, TLS handshake included.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How reads (and writes that are safe to repeat) are retried on 429, 5xx and transport faults.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>The kubeconfig context these options came from, if any.</summary>
    public string? ContextName { get; init; }

    /// <summary>The kubeconfig cluster entry these options came from, if any.</summary>
    public string? ClusterName { get; init; }

    /// <summary>The kubeconfig user entry these options came from, if any.</summary>
    public string? UserName { get; init; }

    /// <summary>The User-Agent sent with every request.</summary>
    public string UserAgent { get; init; } = "keelson";

    /// <summary>How the cluster is named in messages: the context, else the cluster entry, else the server.</summary>
    public string DisplayName => ContextName ?? ClusterName ?? Server.ToString();
}
