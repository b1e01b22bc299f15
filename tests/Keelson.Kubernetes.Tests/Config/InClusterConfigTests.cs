using Keelson.Kubernetes.Config;

namespace Keelson.Kubernetes.Tests.Config;

/// <summary>In-cluster configuration from a temporary service-account directory and a given environment.</summary>
public sealed class InClusterConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keelson-serviceaccount-").FullName;
    private readonly Dictionary<string, string> _environment = new()
    {
        ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1",
        ["KUBERNETES_SERVICE_PORT"] = "443",
    };

    public InClusterConfigTests()
    {
        File.WriteAllText(Path.Combine(_directory, "token"), "service-account-token\n");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "testdata", "kubeconfig", "certs", "ca.crt"), Path.Combine(_directory, "ca.crt"));
        File.WriteAllText(Path.Combine(_directory, "namespace"), "payments");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Load_TalksToTheServiceAddress_WithTheServiceAccountsTokenCaAndNamespace()
    {
        var options = Load();

        Assert.Equal("https://10.96.0.1/", options.Server.ToString());
        Assert.Equal("payments", options.Namespace);
        Assert.Equal("CN=Keelson Test CA", Assert.Single(options.CertificateAuthorities!).Subject);
        Assert.Equal(Path.Combine(_directory, "ca.crt"), options.CertificateAuthoritySource);
        Assert.Equal("Bearer service-account-token", await AuthorizationAsync(options));
    }

    [Fact]
    public async Task RotatedToken_IsUsedOnTheNextRequest()
    {
        var options = Load();
        Assert.Equal("Bearer service-account-token", await AuthorizationAsync(options));

        await File.WriteAllTextAsync(Path.Combine(_directory, "token"), "rotated-service-account-token\n");

        Assert.Equal("Bearer rotated-service-account-token", await AuthorizationAsync(options));
    }

    [Fact]
    public void Ipv6ServiceAddress_IsBracketed()
    {
        _environment["KUBERNETES_SERVICE_HOST"] = "fd00:10:96::1";
        _environment["KUBERNETES_SERVICE_PORT"] = "6443";

        Assert.Equal("https://[fd00:10:96::1]:6443/", Load().Server.ToString());
    }

    [Fact]
    public void PodNamespace_WinsOverTheServiceAccountNamespace()
    {
        _environment["POD_NAMESPACE"] = "from-downward-api";

        Assert.Equal("from-downward-api", Load().Namespace);
    }

    [Fact]
    public void NoNamespaceFile_MeansDefault()
    {
        File.Delete(Path.Combine(_directory, "namespace"));

        Assert.Equal("default", Load().Namespace);
    }

    [Fact]
    public void OutsideACluster_SaysSo()
    {
        _environment.Clear();

        var error = Assert.Throws<KubeConfigException>(Load);

        Assert.Equal(
            "not running inside a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set; use a kubeconfig instead",
            error.Message);
    }

    [Fact]
    public void MissingToken_NamesTheFile()
    {
        File.Delete(Path.Combine(_directory, "token"));

        var error = Assert.Throws<KubeConfigException>(Load);

        Assert.Equal(
            $"in-cluster configuration: token file {_directory}/token cannot be read: the file does not exist; mount a service account token into the pod (automountServiceAccountToken)",
            error.Message);
    }

    private KubernetesClientOptions Load() => InClusterConfig.Load(_directory, name => _environment.GetValueOrDefault(name));

    private static async Task<string?> AuthorizationAsync(KubernetesClientOptions options) =>
        (await options.Credentials!.GetAuthorizationAsync(CancellationToken.None))?.ToString();
}
