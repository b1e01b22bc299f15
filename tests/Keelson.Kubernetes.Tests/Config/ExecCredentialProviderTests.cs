using System.Text;
using System.Text.Json;
using Keelson.Kubernetes.Config;

namespace Keelson.Kubernetes.Tests.Config;

/// <summary>
/// Runs real plugins (bash scripts in testdata/kubeconfig/exec) through a real kubeconfig. Each
/// test works on its own copy of that folder, where the plugin counts its runs.
/// </summary>
public sealed class ExecCredentialProviderTests : IDisposable
{
    private static readonly DateTimeOffset Expiry = DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly string _directory = Directory.CreateTempSubdirectory("keelson-exec-").FullName;
    private readonly ManualTimeProvider _clock = new(Expiry.AddHours(-1));

    public ExecCredentialProviderTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "testdata", "kubeconfig", "exec")))
        {
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Token_IsCachedUntilItExpires_ThenThePluginRunsAgain()
    {
        var credentials = Credentials("counting");

        Assert.Equal("Bearer token-1", await AuthorizationAsync(credentials));
        _clock.Set(Expiry.AddSeconds(-1));
        Assert.Equal("Bearer token-1", await AuthorizationAsync(credentials));
        Assert.Equal(1, Runs());

        _clock.Set(Expiry.AddSeconds(1));
        Assert.Equal("Bearer token-2", await AuthorizationAsync(credentials));
        Assert.Equal(2, Runs());
    }

    [Fact]
    public async Task Invalidate_MakesTheNextRequestRunThePluginAgain()
    {
        var credentials = Credentials("counting");
        Assert.Equal("Bearer token-1", await AuthorizationAsync(credentials));

        credentials.Invalidate();

        Assert.Equal("Bearer token-2", await AuthorizationAsync(credentials));
        Assert.Equal("Bearer token-2", await AuthorizationAsync(credentials));
        Assert.Equal(2, Runs());
    }

    [Fact]
    public async Task ConcurrentRequests_ShareOneRunOfThePlugin()
    {
        // The plugin takes half a second, so all requests arrive while it runs.
        var credentials = Credentials("slow");

        var headers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => AuthorizationAsync(credentials))));

        Assert.All(headers, header => Assert.Equal("Bearer token-1", header));
        Assert.Equal(1, Runs());
    }

    [Fact]
    public async Task Plugin_GetsItsArgumentsWithoutAShell_AndTheClusterInKubernetesExecInfo()
    {
        await AuthorizationAsync(Credentials("counting"));

        Assert.Equal(["--cluster", "prod a", "$HOME", "; echo injected"], await File.ReadAllLinesAsync(Path.Combine(_directory, "args")));
        using var info = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_directory, "exec-info.json")));
        var root = info.RootElement;
        Assert.Equal("client.authentication.k8s.io/v1", root.GetProperty("apiVersion").GetString());
        Assert.Equal("ExecCredential", root.GetProperty("kind").GetString());
        Assert.False(root.GetProperty("spec").GetProperty("interactive").GetBoolean());
        var cluster = root.GetProperty("spec").GetProperty("cluster");
        Assert.Equal("https://prod-a.example:6443/clusters/prod-a", cluster.GetProperty("server").GetString());
        Assert.Equal("api.prod-a.example", cluster.GetProperty("tls-server-name").GetString());
        var authority = Encoding.UTF8.GetString(cluster.GetProperty("certificate-authority-data").GetBytesFromBase64());
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "testdata", "kubeconfig", "certs", "ca.crt")), authority);
    }

    [Fact]
    public async Task FailingPlugin_SaysWhichUserAndCommand_ItsExitCodeAndStandardError_AndTheInstallHint()
    {
        var error = await Assert.ThrowsAsync<CredentialException>(() => AuthorizationAsync(Credentials("failing")));

        Assert.Equal(
            $"user \"failing\": exec plugin {_directory}/failing-plugin.sh failed with exit code 3: error: not logged in; run example-login first. "
            + "example-login is part of the Example SDK: https://example.invalid/sdk",
            error.Message);
    }

    [Fact]
    public async Task MissingPlugin_SaysItWasNotFound_AndShowsTheInstallHint()
    {
        var error = await Assert.ThrowsAsync<CredentialException>(() => AuthorizationAsync(Credentials("missing")));

        Assert.Equal(
            "user \"missing\": exec plugin keelson-test-no-such-plugin was not found (it is not on PATH, or the path does not exist). "
            + "Install it with: go install example.invalid/keelson-test-no-such-plugin@latest",
            error.Message);
    }

    [Fact]
    public async Task PluginAnsweringInAnotherApiVersion_IsRefused_NamingBothVersions()
    {
        var error = await Assert.ThrowsAsync<CredentialException>(() => AuthorizationAsync(Credentials("wrong-version")));

        Assert.Contains(
            "is configured to use API version client.authentication.k8s.io/v1beta1, but it returned version client.authentication.k8s.io/v1",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ExecUser_ResolvesToAnExecProvider_WithoutRunningThePluginYet()
    {
        var options = KubeConfig.LoadFile(Path.Combine(_directory, "config")).ToClientOptions("counting", _clock);

        Assert.IsType<ExecCredentialProvider>(options.Credentials);
        Assert.Equal(0, Runs());
    }

    private ICredentialProvider Credentials(string context) =>
        KubeConfig.LoadFile(Path.Combine(_directory, "config")).ToClientOptions(context, _clock).Credentials!;

    private static async Task<string?> AuthorizationAsync(ICredentialProvider credentials) =>
        (await credentials.GetAuthorizationAsync(CancellationToken.None))?.ToString();

    private int Runs()
    {
        var path = Path.Combine(_directory, "runs");
        return File.Exists(path) ? File.ReadAllLines(path).Length : 0;
    }
}
