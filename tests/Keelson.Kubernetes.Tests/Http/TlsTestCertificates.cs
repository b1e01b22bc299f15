using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keelson.Kubernetes.Tests.Http;

/// <summary>
/// A cluster CA and an unrelated CA, made once per test class, and the server and client
/// certificates they issue, made per test: RSA or EC, for any DNS names and IP addresses.
/// </summary>
public sealed class TlsTestCertificates : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    public TlsTestCertificates()
    {
        Authority = CreateAuthority("Keelson TLS Test CA");
        OtherAuthority = CreateAuthority("Some Other CA");
    }

    /// <summary>The CA of the cluster under test.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>A CA that has nothing to do with the cluster.</summary>
    public X509Certificate2 OtherAuthority { get; }

    public void Dispose()
    {
        Authority.Dispose();
        OtherAuthority.Dispose();
    }

    /// <summary>A server certificate for 127.0.0.1 and the given DNS names, valid now unless told otherwise.</summary>
    public X509Certificate2 Server(
        string[]? dnsNames = null,
        bool ipAddress = true,
        bool ec = false,
        X509Certificate2? issuer = null,
        DateTimeOffset? notAfter = null)
    {
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames ?? [])
        {
            names.AddDnsName(name);
        }

        if (ipAddress)
        {
            names.AddIpAddress(IPAddress.Loopback);
        }

        return Issue("CN=kube-apiserver", names, ServerAuthentication, ec, issuer ?? Authority, notAfter ?? DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>A client certificate for the given user name, with its key.</summary>
    public X509Certificate2 Client(string user, bool ec) =>
        Issue($"CN={user}, O=system:masters", new SubjectAlternativeNameBuilder(), ClientAuthentication, ec, Authority, DateTimeOffset.UtcNow.AddDays(1));

    private static X509Certificate2 CreateAuthority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(10));
    }

    private static X509Certificate2 Issue(
        string subject, SubjectAlternativeNameBuilder names, Oid usage, bool ec, X509Certificate2 issuer, DateTimeOffset notAfter)
    {
        using AsymmetricAlgorithm key = ec ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var request = key is ECDsa ecKey
            ? new CertificateRequest(subject, ecKey, HashAlgorithmName.SHA256)
            : new CertificateRequest(subject, (RSA)key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (usage.Value == ServerAuthentication.Value)
        {
            request.CertificateExtensions.Add(names.Build());
        }

        var notBefore = notAfter < DateTimeOffset.UtcNow ? notAfter.AddDays(-2) : DateTimeOffset.UtcNow.AddDays(-1);
        // The CAs are RSA; a signature generator lets them sign EC keys too.
        using var issuerKey = issuer.GetRSAPrivateKey()!;
        using var certificate = request.Create(
            issuer.SubjectName,
            X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pkcs1),
            notBefore,
            notAfter,
            RandomNumberGenerator.GetBytes(16));
        return key is ECDsa ecdsa ? certificate.CopyWithPrivateKey(ecdsa) : certificate.CopyWithPrivateKey((RSA)key);
    }
}
