using System.Security.Cryptography.X509Certificates;

namespace Keelson.Kubernetes.Config;

/// <summary>
/// A kubeconfig cluster entry: where the API server is and how to trust it. Relative file paths
/// were already resolved against the directory of the file that defined the entry.
/// <c>proxy-url</c> is read but not used: Keelson connects directly, or through the proxy named by
/// the usual <c>HTTPS_PROXY</c>/<c>NO_PROXY</c> environment variables.
/// </summary>
public sealed class KubeConfigCluster
{
    /// <summary>The entry's name.</summary>
    public required string Name { get; init; }

    /// <summary>The API server URL, possibly with a path prefix (<c>https://host:6443/clusters/prod-a</c>).</summary>
    public string? Server { get; init; }

    /// <summary>A PEM file of the CAs that sign the server's certificate.</summary>
    public string? CertificateAuthority { get; init; }

    /// <summary>The same as <see cref="CertificateAuthority"/> inline: base64 of PEM, possibly several certificates.</summary>
    public string? CertificateAuthorityData { get; init; }

    /// <summary>Accept any server certificate (test clusters only).</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The name the server's certificate is checked against instead of the server's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>The proxy kubectl would use for this cluster. Not used by Keelson (see the type's remarks).</summary>
    public string? ProxyUrl { get; init; }

    /// <summary>The file (or source name given to <see cref="KubeConfig.Parse"/>) that defines this cluster.</summary>
    public string Source { get; init; } = "";

    /// <summary>The 1-based line of the entry in <see cref="Source"/>, or 0 when unknown.</summary>
    public int Line { get; init; }

    internal string Where => KubeConfigLocation.Describe("cluster", Name, Source, Line);

    /// <summary>The server as an absolute http(s) URI, or an error saying how to write it.</summary>
    internal Uri ResolveServer()
    {
        if (string.IsNullOrWhiteSpace(Server))
        {
            throw new KubeConfigException($"{Where} has no server; set server: https://HOST:PORT for it");
        }

        if (!Uri.TryCreate(Server, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Host.Length == 0)
        {
            throw new KubeConfigException(
                $"{Where}: server \"{Server}\" is not an absolute http or https URL; write it like https://HOST:6443");
        }

        return uri;
    }

    /// <summary>
    /// The CAs to trust and where they came from, or nulls to use the system store. Both fields
    /// set, or a CA together with insecure-skip-tls-verify, are refused as kubectl refuses them.
    /// </summary>
    internal (X509Certificate2Collection? Authorities, string? Source) LoadCertificateAuthorities()
    {
        var pem = ReadCertificateAuthorityPem();
        if (pem is null)
        {
            return (null, null);
        }

        if (InsecureSkipTlsVerify)
        {
            throw new KubeConfigException(
                $"{Where} sets insecure-skip-tls-verify together with a certificate authority; remove one of them (kubectl refuses this too)");
        }

        var source = CertificateAuthorityData is not null ? "certificate-authority-data" : CertificateAuthority!;
        var what = CertificateAuthorityData is not null ? "certificate-authority-data" : $"certificate-authority {CertificateAuthority}";
        return (Pem.ReadCertificates(pem, $"{Where}: {what}"), source);
    }

    /// <summary>The PEM text of the cluster's CAs (from the file or the inline data), or null when none is set.</summary>
    internal string? ReadCertificateAuthorityPem()
    {
        if (CertificateAuthority is not null && CertificateAuthorityData is not null)
        {
            throw new KubeConfigException(
                $"{Where} sets both certificate-authority and certificate-authority-data; keep one of them");
        }

        if (CertificateAuthorityData is not null)
        {
            return Pem.DecodeBase64(CertificateAuthorityData, $"{Where}: certificate-authority-data");
        }

        return CertificateAuthority is null
            ? null
            : Pem.ReadFile(CertificateAuthority, $"{Where}: certificate-authority");
    }
}
