using System.Security.Cryptography.X509Certificates;

namespace Keelson.Kubernetes.Config;

/// <summary>
/// A kubeconfig user entry (<c>users[].user</c>, client-go's AuthInfo): how to authenticate.
/// Relative file paths were already resolved against the directory of the file that defined it.
/// </summary>
/// <remarks>
/// As in kubectl: a token (or token file) and username/password are mutually exclusive; when
/// both <c>token</c> and <c>tokenFile</c> are set the file wins, because it is re-read as it rotates;
/// an exec plugin is only used when the user has no token, password or client certificate.
/// <c>auth-provider</c> and impersonation (<c>as</c>, <c>as-groups</c>, ...) are not supported and
/// are refused when the user is used, rather than silently connecting as someone else.
/// </remarks>
public sealed class KubeConfigUser
{
    /// <summary>The entry's name.</summary>
    public required string Name { get; init; }

    /// <summary>A bearer token.</summary>
    public string? Token { get; init; }

    /// <summary>A file holding a bearer token, re-read when it changes.</summary>
    public string? TokenFile { get; init; }

    /// <summary>A PEM client certificate file.</summary>
    public string? ClientCertificate { get; init; }

    /// <summary>The client certificate inline: base64 of PEM.</summary>
    public string? ClientCertificateData { get; init; }

    /// <summary>A PEM private key file (RSA or EC; PKCS#1, SEC1 or PKCS#8; unencrypted).</summary>
    public string? ClientKey { get; init; }

    /// <summary>The private key inline: base64 of PEM.</summary>
    public string? ClientKeyData { get; init; }

    /// <summary>The user name for basic authentication.</summary>
    public string? Username { get; init; }

    /// <summary>The password for basic authentication.</summary>
    public string? Password { get; init; }

    /// <summary>An exec credential plugin, or null.</summary>
    public KubeConfigExec? Exec { get; init; }

    /// <summary>The file (or source name given to <see cref="KubeConfig.Parse"/>) that defines this user.</summary>
    public string Source { get; init; } = "";

    /// <summary>The 1-based line of the entry in <see cref="Source"/>, or 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>The name of an <c>auth-provider</c>, which Keelson does not support.</summary>
    internal string? AuthProvider { get; init; }

    /// <summary>Whether the entry asks to impersonate someone, which Keelson does not support.</summary>
    internal bool Impersonates { get; init; }

    internal string Where => KubeConfigLocation.Describe("user", Name, Source, Line);

    /// <summary>The client certificate with its key, or null when the user has none.</summary>
    internal X509Certificate2? LoadClientCertificate()
    {
        var hasCertificate = ClientCertificate is not null || ClientCertificateData is not null;
        var hasKey = ClientKey is not null || ClientKeyData is not null;
        if (!hasCertificate && !hasKey)
        {
            return null;
        }

        if (ClientCertificate is not null && ClientCertificateData is not null)
        {
            throw new KubeConfigException($"{Where} sets both client-certificate and client-certificate-data; keep one of them");
        }

        if (ClientKey is not null && ClientKeyData is not null)
        {
            throw new KubeConfigException($"{Where} sets both client-key and client-key-data; keep one of them");
        }

        if (!hasKey)
        {
            throw new KubeConfigException($"{Where} has a client certificate but no client-key or client-key-data; set the private key that goes with it");
        }

        if (!hasCertificate)
        {
            throw new KubeConfigException($"{Where} has a client key but no client-certificate or client-certificate-data; set the certificate that goes with it");
        }

        var (certificatePem, certificateField) = ClientCertificateData is not null
            ? (Pem.DecodeBase64(ClientCertificateData, $"{Where}: client-certificate-data"), "client-certificate-data")
            : (Pem.ReadFile(ClientCertificate!, $"{Where}: client-certificate"), $"client-certificate {ClientCertificate}");
        var (keyPem, keyField) = ClientKeyData is not null
            ? (Pem.DecodeBase64(ClientKeyData, $"{Where}: client-key-data"), "client-key-data")
            : (Pem.ReadFile(ClientKey!, $"{Where}: client-key"), $"client-key {ClientKey}");
        return Pem.ReadClientCertificate(certificatePem, keyPem, Where, certificateField, keyField);
    }

    /// <summary>
    /// What supplies the Authorization header, or null for none. <paramref name="cluster"/> is
    /// passed to exec plugins that ask for it; <paramref name="hasClientCertificate"/> keeps the
    /// plugin unused when a certificate authenticates, as in kubectl.
    /// </summary>
    internal ICredentialProvider? CreateCredentials(KubeConfigCluster cluster, bool hasClientCertificate, TimeProvider timeProvider)
    {
        if (AuthProvider is not null)
        {
            throw new KubeConfigException(
                $"{Where} uses auth-provider \"{AuthProvider}\", which Keelson does not support (kubectl dropped the built-in providers too); use an exec plugin instead, e.g. kubelogin or gke-gcloud-auth-plugin");
        }

        if (Impersonates)
        {
            throw new KubeConfigException(
                $"{Where} asks to impersonate (as, as-uid, as-groups or as-user-extra), which Keelson does not support; remove those fields or use a user that holds the permissions itself");
        }

        var hasToken = !string.IsNullOrEmpty(Token) || !string.IsNullOrEmpty(TokenFile);
        var hasBasic = !string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(Password);
        if (hasToken && hasBasic)
        {
            throw new KubeConfigException(
                $"{Where} sets both a token and username/password; keep one authentication method (kubectl refuses this too)");
        }

        if (!string.IsNullOrEmpty(TokenFile))
        {
            var credentials = new TokenFileCredentials(TokenFile);
            credentials.EnsureReadable($"{Where}: tokenFile", "fix the path (a relative path is relative to the kubeconfig file) or write the token there");
            return credentials;
        }

        if (!string.IsNullOrEmpty(Token))
        {
            return new BearerTokenCredentials(Token);
        }

        if (hasBasic)
        {
            return new BasicAuthCredentials(Username ?? "", Password ?? "");
        }

        if (Exec is not null && !hasClientCertificate)
        {
            Exec.Validate(Where);
            return new ExecCredentialProvider(Exec, Name, cluster, timeProvider);
        }

        return null;
    }
}
