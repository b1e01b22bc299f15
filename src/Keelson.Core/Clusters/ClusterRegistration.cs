namespace Keelson.Core.Clusters;

/// <summary>
/// How to reach a cluster being registered: a self-contained kubeconfig (one context is
/// used), or a server URL with a token or client certificate and a CA. Files are never named:
/// the CLI reads them on the user's machine and sends their contents.
/// </summary>
public sealed record ClusterRegistration
{
    /// <summary>Keelson's name for the cluster (a DNS label).</summary>
    public string Name { get; init; } = "";

    /// <summary>A kubeconfig with certificate, key and token data embedded (as <c>kubectl config view --flatten</c> writes).</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context to use; its current context when null.</summary>
    public string? Context { get; init; }

    /// <summary>The API server URL, when not using a kubeconfig.</summary>
    public Uri? Server { get; init; }

    /// <summary>A bearer token (e.g. a service account's).</summary>
    public string? Token { get; init; }

    /// <summary>The CA certificate(s) in PEM.</summary>
    public string? CertificateAuthority { get; init; }

    /// <summary>A client certificate in PEM.</summary>
    public string? ClientCertificate { get; init; }

    /// <summary>The client certificate's private key in PEM.</summary>
    public string? ClientKey { get; init; }

    /// <summary>Skip verifying the server's certificate (test clusters only).</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Tags: env, region, zone, tier and free-form labels.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
