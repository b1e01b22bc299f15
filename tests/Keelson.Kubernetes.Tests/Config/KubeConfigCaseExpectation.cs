namespace Keelson.Kubernetes.Tests.Config;

/// <summary>The resolved options a case expects; a field left out is not checked. Paths are relative to the case folder.</summary>
public sealed class KubeConfigCaseExpectation
{
    public string? Context { get; set; }

    public string? Cluster { get; set; }

    public string? User { get; set; }

    public string? Namespace { get; set; }

    public string? Server { get; set; }

    public string? CertificateAuthoritySource { get; set; }

    public List<string>? CertificateAuthorities { get; set; }

    public string? TlsServerName { get; set; }

    public bool? InsecureSkipTlsVerify { get; set; }

    /// <summary>The Authorization header the credentials produce, e.g. <c>Bearer abc</c>.</summary>
    public string? Authorization { get; set; }

    /// <summary>The subject of the client certificate, which must come with its private key.</summary>
    public string? ClientCertificate { get; set; }

    /// <summary>No Authorization header at all.</summary>
    public bool NoCredentials { get; set; }
}
