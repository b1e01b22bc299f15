using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Keelson.Kubernetes.Config;
using Keelson.Kubernetes.Http;

namespace Keelson.Kubernetes.Tests.Http;

/// <summary>
/// The handler from <see cref="KubernetesHttpHandlerFactory"/> against a real HTTPS server, with
/// options resolved from a kubeconfig as a user would write it, and the messages of
/// <see cref="TransportErrors"/> for what goes wrong.
/// </summary>
public sealed class TlsTests(TlsTestCertificates certificates) : IClassFixture<TlsTestCertificates>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ServerCertificateSignedByTheClustersCa_IsAccepted(bool ecServerKey)
    {
        await using var server = await TlsTestServer.StartAsync(certificates.Server(ec: ecServerKey));
        var options = Options(server.Url, certificateAuthority: certificates.Authority);

        Assert.Equal("HTTP/1.1 anonymous", await GetAsync(options));
    }

    [Fact]
    public async Task ServerCertificateOfAnotherCa_IsRefused_SayingItIsNotSignedByTheClustersCa()
    {
        await using var server = await TlsTestServer.StartAsync(certificates.Server(issuer: certificates.OtherAuthority));
        var options = Options(server.Url, certificateAuthority: certificates.Authority);

        Assert.Equal(
            "cluster \"prod-a\": the server's certificate is not signed by certificate-authority-data of that cluster (did you mean insecure-skip-tls-verify?)",
            await FailureAsync(options));
    }

    [Fact]
    public async Task CaBundle_TrustsEveryCaInIt()
    {
        await using var server = await TlsTestServer.StartAsync(certificates.Server());
        var options = Options(server.Url, certificateAuthority: certificates.OtherAuthority, secondAuthority: certificates.Authority);

        Assert.Equal("HTTP/1.1 anonymous", await GetAsync(options));
    }

    [Fact]
    public async Task CertificateForAnotherName_IsRefused_SayingWhichNameItIsFor()
    {
        await using var server = await TlsTestServer.StartAsync(certificates.Server(dnsNames: ["other.example"], ipAddress: false));
        var options = Options(server.Url, certificateAuthority: certificates.Authority);

        Assert.Equal(
            "cluster \"prod-a\": the server's certificate is for \"other.example\", not \"127.0.0.1\" (set tls-server-name if that is intended)",
            await FailureAsync(options));
    }

    [Fact]
    public async Task TlsServerName_AcceptsACertificateForThatName()
    {
        await using var server = await TlsTestServer.StartAsync(certificates.Server(dnsNames: ["other.example"], ipAddress: false));
        var options = Options(server.Url, certificateAuthority: certificates.Authority, tlsServerName: "other.example");

        Assert.Equal("HTTP/1.1 anonymous", await GetAsync(options));
    }

    [Fact]
    public async Task InsecureSkipTlsVerify_AcceptsAnyCertificate()
    {
        await using var server = await TlsTestServer.StartAsync(
            certificates.Server(dnsNames: ["other.example"], ipAddress: false, issuer: certificates.OtherAuthority));
        var options = Options(server.Url, insecure: true);

        Assert.Equal("HTTP/1.1 anonymous", await GetAsync(options));
    }

    [Fact]
    public async Task ExpiredCertificate_IsRefused_SayingWhenItExpired()
    {
        var expiredAt = DateTimeOffset.UtcNow.AddDays(-1);
        await using var server = await TlsTestServer.StartAsync(certificates.Server(notAfter: expiredAt));
        var options = Options(server.Url, certificateAuthority: certificates.Authority);

        var message = await FailureAsync(options);

        Assert.StartsWith($"cluster \"prod-a\": the server's certificate expired at {expiredAt:yyyy-MM-dd'T'HH:mm}", message, StringComparison.Ordinal);
        Assert.EndsWith("(renew the API server's certificate, or check this machine's clock)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientCertificateFromTheKubeconfig_IsPresentedAndSeenByTheServer(bool ecClientKey)
    {
        await using var server = await TlsTestServer.StartAsync(certificates.Server(), requireClientCertificate: true);
        var options = Options(server.Url, certificateAuthority: certificates.Authority, clientCertificate: certificates.Client("alice", ecClientKey));

        Assert.Equal("HTTP/1.1 CN=alice, O=system:masters", await GetAsync(options));
    }

    [Fact]
    public async Task ServerRequiringAClientCertificate_WhenTheUserHasNone_SaysItAskedForOne()
    {
        await using var server = await TlsTestServer.StartAsync(certificates.Server(), requireClientCertificate: true);
        var options = Options(server.Url, certificateAuthority: certificates.Authority);

        Assert.Contains(
            "the server asked for a client certificate and user \"admin\" has none: if the cluster requires one, set client-certificate and client-key for the user",
            await FailureAsync(options),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http2_IsUsed_WhenTheRequestAsksForIt()
    {
        await using var server = await TlsTestServer.StartAsync(certificates.Server());
        var options = Options(server.Url, certificateAuthority: certificates.Authority);
        using var client = new HttpClient(KubernetesHttpHandlerFactory.Create(options));
        using var request = new HttpRequestMessage(HttpMethod.Get, options.Server)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await client.SendAsync(request);

        Assert.Equal("HTTP/2 anonymous", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NoServerListening_SaysTheConnectionWasRefused()
    {
        var port = FreePort();
        var options = Options(new Uri($"https://127.0.0.1:{port}"), insecure: true);

        Assert.Equal(
            $"cluster \"prod-a\": cannot connect to https://127.0.0.1:{port}: connection refused (is the API server running and the address right?)",
            await FailureAsync(options));
    }

    [Fact]
    public async Task UnknownHost_SaysItCannotBeResolved()
    {
        var options = Options(new Uri("https://keelson-test.invalid:6443/"), insecure: true);

        Assert.StartsWith(
            "cluster \"prod-a\": cannot resolve \"keelson-test.invalid\", the host of https://keelson-test.invalid:6443: ",
            await FailureAsync(options),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerThatNeverCompletesTheHandshake_TimesOut_SayingWhere()
    {
        // Accepts connections (the kernel does) but never speaks TLS.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var options = new KubernetesClientOptions
        {
            Server = new Uri($"https://127.0.0.1:{port}"),
            InsecureSkipTlsVerify = true,
            ConnectTimeout = TimeSpan.FromSeconds(1),
            ContextName = "prod-a",
        };

        Assert.Equal(
            $"cluster \"prod-a\": cannot connect to https://127.0.0.1:{port} within 1 s (is the address right and reachable, or is a firewall dropping the traffic?)",
            await FailureAsync(options));
    }

    /// <summary>Resolves options from a kubeconfig with one context, "prod-a", for user "admin".</summary>
    private static KubernetesClientOptions Options(
        Uri server,
        X509Certificate2? certificateAuthority = null,
        X509Certificate2? secondAuthority = null,
        bool insecure = false,
        string? tlsServerName = null,
        X509Certificate2? clientCertificate = null)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("clusters:").AppendLine("- name: prod-a").AppendLine("  cluster:").AppendLine($"    server: {server}");
        if (certificateAuthority is not null)
        {
            var bundle = certificateAuthority.ExportCertificatePem() + "\n" + secondAuthority?.ExportCertificatePem();
            yaml.AppendLine($"    certificate-authority-data: {Base64(bundle)}");
        }

        if (insecure)
        {
            yaml.AppendLine("    insecure-skip-tls-verify: true");
        }

        if (tlsServerName is not null)
        {
            yaml.AppendLine($"    tls-server-name: {tlsServerName}");
        }

        yaml.AppendLine("users:").AppendLine("- name: admin").AppendLine("  user:");
        if (clientCertificate is not null)
        {
            var key = (AsymmetricAlgorithm?)clientCertificate.GetRSAPrivateKey() ?? clientCertificate.GetECDsaPrivateKey()!;
            yaml.AppendLine($"    client-certificate-data: {Base64(clientCertificate.ExportCertificatePem())}");
            yaml.AppendLine($"    client-key-data: {Base64(key.ExportPkcs8PrivateKeyPem())}");
        }
        else
        {
            yaml.AppendLine("    token: admin-token");
        }

        yaml.AppendLine("contexts:").AppendLine("- name: prod-a").AppendLine("  context: {cluster: prod-a, user: admin}");
        return KubeConfig.Parse(yaml.ToString(), "test kubeconfig").ToClientOptions("prod-a");
    }

    private static async Task<string> GetAsync(KubernetesClientOptions options)
    {
        using var client = new HttpClient(KubernetesHttpHandlerFactory.Create(options));
        return await client.GetStringAsync(options.Server);
    }

    private static async Task<string> FailureAsync(KubernetesClientOptions options)
    {
        using var client = new HttpClient(KubernetesHttpHandlerFactory.Create(options));
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => client.GetStringAsync(options.Server));
        return TransportErrors.Translate(options, exception).Message;
    }

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
