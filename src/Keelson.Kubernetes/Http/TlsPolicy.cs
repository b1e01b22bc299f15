using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Keelson.Kubernetes.Config;

namespace Keelson.Kubernetes.Http;

/// <summary>
/// The TLS rules of one cluster, as client-go applies them: the server's certificate must chain
/// to the cluster's CAs only (or the system store when it has none), be valid now, be meant for
/// server authentication, and name <see cref="KubernetesClientOptions.TlsServerName"/> or else the
/// server's host (subject alternative names only, no CN fallback); nothing is checked when
/// insecure. A refusal throws <see cref="ServerCertificateException"/> saying why.
/// </summary>
internal sealed class TlsPolicy
{
    private static readonly ConditionalWeakTable<KubernetesClientOptions, TlsPolicy> Policies = [];
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    private readonly KubernetesClientOptions _options;
    private volatile bool _serverAskedForClientCertificate;

    private TlsPolicy(KubernetesClientOptions options) => _options = options;

    /// <summary>
    /// Whether the server asked for a client certificate when the user had none. A server that
    /// requires one then drops the connection without saying why, so the translator uses this.
    /// </summary>
    public bool ServerAskedForClientCertificate => _serverAskedForClientCertificate;

    /// <summary>The policy of these options; one per options object, so what a handshake saw is there for the translator.</summary>
    public static TlsPolicy For(KubernetesClientOptions options) => Policies.GetValue(options, static o => new TlsPolicy(o));

    /// <summary>The <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool ValidateServerCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_options.InsecureSkipTlsVerify)
        {
            return true;
        }

        if (certificate is null)
        {
            throw new ServerCertificateException("the server presented no certificate");
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            VerifyChain(leaf, chain);
            VerifyName(leaf);
            return true;
        }
        finally
        {
            if (!ReferenceEquals(leaf, certificate))
            {
                leaf.Dispose();
            }
        }
    }

    /// <summary>The <see cref="LocalCertificateSelectionCallback"/>.</summary>
    public X509Certificate SelectClientCertificate(
        object sender,
        string targetHost,
        X509CertificateCollection localCertificates,
        X509Certificate? remoteCertificate,
        string[] acceptableIssuers)
    {
        if (_options.ClientCertificate is { } clientCertificate)
        {
            return clientCertificate;
        }

        // The first call comes before the server has said anything; a call that carries the
        // server's certificate answers its CertificateRequest.
        if (remoteCertificate is not null)
        {
            _serverAskedForClientCertificate = true;
        }

        return null!;
    }

    private void VerifyChain(X509Certificate2 leaf, X509Chain? presented)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.ApplicationPolicy.Add(ServerAuthentication);
        if (presented is not null)
        {
            // The intermediates the server sent.
            policy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        }

        if (_options.CertificateAuthorities is { Count: > 0 } authorities)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(authorities);
        }

        if (chain.Build(leaf))
        {
            return;
        }

        var problems = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, status) => all | status.Status);
        const X509ChainStatusFlags untrusted =
            X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.NotSignatureValid;
        if ((problems & untrusted) != 0)
        {
            throw new ServerCertificateException(_options.CertificateAuthorities is { Count: > 0 }
                ? $"the server's certificate is not signed by {AuthoritySource()} of that cluster (did you mean insecure-skip-tls-verify?)"
                : "the server's certificate is not signed by a CA this machine trusts (set certificate-authority-data for the cluster, or insecure-skip-tls-verify for a throwaway test cluster)");
        }

        if ((problems & X509ChainStatusFlags.NotTimeValid) != 0)
        {
            throw new ServerCertificateException(DescribeTimeInvalid(chain, leaf));
        }

        if ((problems & X509ChainStatusFlags.NotValidForUsage) != 0)
        {
            throw new ServerCertificateException(
                "the server's certificate is not meant for server authentication (its extended key usage lacks serverAuth); reissue it for TLS servers");
        }

        var reasons = string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation.Trim()).Distinct());
        throw new ServerCertificateException($"the server's certificate cannot be verified: {reasons}");
    }

    private string AuthoritySource() => _options.CertificateAuthoritySource switch
    {
        null => "the certificate authority",
        "certificate-authority-data" => "certificate-authority-data",
        var file => $"certificate-authority {file}",
    };

    private static string DescribeTimeInvalid(X509Chain chain, X509Certificate2 leaf)
    {
        var element = chain.ChainElements.FirstOrDefault(e => e.ChainElementStatus.Any(s => s.Status == X509ChainStatusFlags.NotTimeValid));
        var certificate = element?.Certificate ?? leaf;
        var whose = ReferenceEquals(certificate, leaf) || certificate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span)
            ? "the server's certificate"
            : $"the certificate \"{certificate.Subject}\" in the server's chain";
        var notAfter = certificate.NotAfter.ToUniversalTime();
        return notAfter < DateTime.UtcNow
            ? $"{whose} expired at {notAfter:yyyy-MM-dd'T'HH:mm:ss'Z'} (renew the API server's certificate, or check this machine's clock)"
            : $"{whose} is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'} (check this machine's clock)";
    }

    private void VerifyName(X509Certificate2 leaf)
    {
        var expected = _options.TlsServerName ?? _options.Server.IdnHost;
        if (leaf.MatchesHostname(expected, allowWildcards: true, allowCommonName: false))
        {
            return;
        }

        var names = SubjectAlternativeNames(leaf);
        if (names.Count == 0)
        {
            throw new ServerCertificateException(
                $"the server's certificate names no host (it has no subject alternative names, and like Go clients Keelson does not accept the CN alone); reissue it with \"{expected}\" as a DNS or IP name");
        }

        var fix = _options.TlsServerName is null
            ? "set tls-server-name if that is intended"
            : "that is the cluster's tls-server-name; fix it";
        throw new ServerCertificateException(
            $"the server's certificate is for {string.Join(", ", names.Select(n => $"\"{n}\""))}, not \"{expected}\" ({fix})");
    }

    private static List<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value == "2.5.29.17")
            {
                var alternativeNames = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
                names.AddRange(alternativeNames.EnumerateDnsNames());
                names.AddRange(alternativeNames.EnumerateIPAddresses().Select(address => address.ToString()));
            }
        }

        return names;
    }
}
