using Keelson.Kubernetes.Config;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Keelson.Kubernetes.Tests.Config;

/// <summary>Runs every folder of testdata/kubeconfig/cases: a new case is a new folder.</summary>
public sealed class KubeConfigCaseTests
{
    private static readonly string CasesDirectory = Path.Combine(AppContext.BaseDirectory, "testdata", "kubeconfig", "cases");

    public static TheoryData<string> Cases() =>
        new(Directory.GetDirectories(CasesDirectory).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_ResolvesEachContextAsTheCaseFileSays(string name)
    {
        var directory = Path.Combine(CasesDirectory, name);
        var testCase = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build()
            .Deserialize<KubeConfigCase>(await File.ReadAllTextAsync(Path.Combine(directory, "case.yaml")));
        Assert.NotEmpty(testCase.Resolve);

        foreach (var resolution in testCase.Resolve)
        {
            if (resolution.Error is { } pieces)
            {
                var error = Assert.Throws<KubeConfigException>(() => Load(testCase, directory).ToClientOptions(resolution.Context));
                var certificates = Path.GetFullPath(Path.Combine(CasesDirectory, "..", "certs"));
                foreach (var piece in pieces.Select(piece => piece
                    .Replace("{dir}", directory, StringComparison.Ordinal)
                    .Replace("{certs}", certificates, StringComparison.Ordinal)))
                {
                    Assert.True(
                        error.Message.Contains(piece, StringComparison.Ordinal),
                        $"context {resolution.Context ?? "(current)"}: the message should contain\n  {piece}\nbut it is\n  {error.Message}");
                }

                continue;
            }

            var options = Load(testCase, directory).ToClientOptions(resolution.Context);
            await AssertResolvedAsync(resolution.Expect!, options, directory);
        }
    }

    private static KubeConfig Load(KubeConfigCase testCase, string directory) =>
        testCase.Explicit is { } path
            ? KubeConfig.LoadFile(Path.Combine(directory, path))
            : KubeConfig.LoadMerged(testCase.Kubeconfig!.Select(file => file.Length == 0 ? "" : Path.Combine(directory, file)));

    private static async Task AssertResolvedAsync(KubeConfigCaseExpectation expect, KubernetesClientOptions options, string directory)
    {
        AssertIfSet(expect.Context, options.ContextName);
        AssertIfSet(expect.Cluster, options.ClusterName);
        AssertIfSet(expect.User, options.UserName);
        AssertIfSet(expect.Namespace, options.Namespace);
        AssertIfSet(expect.Server, options.Server.ToString());
        AssertIfSet(expect.TlsServerName, options.TlsServerName);
        if (expect.InsecureSkipTlsVerify is { } insecure)
        {
            Assert.Equal(insecure, options.InsecureSkipTlsVerify);
        }

        if (expect.CertificateAuthoritySource is { } source)
        {
            var expected = source == "certificate-authority-data" ? source : Path.GetFullPath(Path.Combine(directory, source));
            Assert.Equal(expected, options.CertificateAuthoritySource);
        }

        if (expect.CertificateAuthorities is { } authorities)
        {
            Assert.Equal(authorities, options.CertificateAuthorities!.Select(certificate => certificate.Subject));
        }

        if (expect.ClientCertificate is { } subject)
        {
            Assert.Equal(subject, options.ClientCertificate?.Subject);
            Assert.True(options.ClientCertificate!.HasPrivateKey);
        }

        var header = options.Credentials is null ? null : await options.Credentials.GetAuthorizationAsync(CancellationToken.None);
        if (expect.NoCredentials)
        {
            Assert.Null(header);
        }

        AssertIfSet(expect.Authorization, header?.ToString());
    }

    private static void AssertIfSet(string? expected, string? actual)
    {
        if (expected is not null)
        {
            Assert.Equal(expected, actual);
        }
    }
}
