using Keelson.Kubernetes.Config;

namespace Keelson.Kubernetes.Tests.Config;

/// <summary>Where kubeconfig comes from (kubectl's precedence) and what a loaded one exposes.</summary>
public sealed class KubeConfigLoadingTests : IDisposable
{
    private static readonly string Cases = Path.Combine(AppContext.BaseDirectory, "testdata", "kubeconfig", "cases");

    private readonly string _home = Directory.CreateTempSubdirectory("keelson-home-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void LoadDefault_UsesTheExplicitPath_EvenWhenKubeconfigIsSet()
    {
        var config = KubeConfig.LoadDefault(Case("json", "config.json"), Environment(Case("single-file", "config")), _home);

        Assert.Equal([Case("json", "config.json")], config.Sources);
        Assert.Equal("j", config.CurrentContext);
    }

    [Fact]
    public void LoadDefault_MergesTheKubeconfigList_SkippingMissingAndRepeatedFiles()
    {
        var list = string.Join(
            Path.PathSeparator,
            Case("merge-first-wins", "first", "config"),
            Case("merge-first-wins", "missing", "config"),
            "",
            Case("merge-first-wins", "second", "config"),
            Case("merge-first-wins", "first", "config"));
        WriteHomeConfig();

        var config = KubeConfig.LoadDefault(null, Environment(list), _home);

        Assert.Equal([Case("merge-first-wins", "first", "config"), Case("merge-first-wins", "second", "config")], config.Sources);
        Assert.Equal("prod", config.CurrentContext);
        Assert.Equal(["dev", "prod"], config.Contexts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("https://shared-from-first.example:6443", config.Clusters["shared"].Server);
    }

    [Fact]
    public void LoadDefault_WithoutKubeconfig_ReadsTheHomeFile()
    {
        WriteHomeConfig();

        var config = KubeConfig.LoadDefault(null, Environment(null), _home);

        Assert.Equal([Path.Combine(_home, ".kube", "config")], config.Sources);
        Assert.Equal("home", config.ToClientOptions().ContextName);
    }

    [Fact]
    public void LoadDefault_WithNothingAnywhere_LoadsButCannotResolve_SayingWhereItLooked()
    {
        var config = KubeConfig.LoadDefault(null, Environment(null), _home);

        var error = Assert.Throws<KubeConfigException>(() => config.ToClientOptions());

        Assert.Equal(
            $"no kubeconfig found: none of {_home}/.kube/config exists; set KUBECONFIG, pass the path of a kubeconfig, or run inside a cluster",
            error.Message);
    }

    [Fact]
    public void Parse_NamesTheSourceInItsErrors()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubeConfig.Parse("clusters: {oops", "the kubeconfig of cluster \"prod-a\""));

        Assert.StartsWith("the kubeconfig of cluster \"prod-a\" line 2, column 1: not valid YAML: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExposesEntriesWithWhereTheyAreDefined()
    {
        var config = KubeConfig.Parse(
            """
            clusters:
            - name: prod-a
              cluster: {server: "https://prod-a.example"}
            contexts:
            - name: prod
              context: {cluster: prod-a, namespace: payments}
            current-context: prod
            """,
            "stored kubeconfig");

        var context = config.Contexts["prod"];
        Assert.Equal(("prod-a", "payments", "stored kubeconfig", 5), (context.Cluster, context.Namespace, context.Source, context.Line));
        Assert.Empty(config.Sources);
        Assert.Equal("https://prod-a.example/", config.ToClientOptions().Server.ToString());
    }

    private static string Case(params string[] parts) => Path.Combine([Cases, .. parts]);

    private static Func<string, string?> Environment(string? kubeconfig) =>
        name => name == "KUBECONFIG" ? kubeconfig : null;

    private void WriteHomeConfig()
    {
        Directory.CreateDirectory(Path.Combine(_home, ".kube"));
        File.WriteAllText(
            Path.Combine(_home, ".kube", "config"),
            """
            clusters: [{name: home, cluster: {server: "https://home.example"}}]
            contexts: [{name: home, context: {cluster: home}}]
            current-context: home
            """);
    }
}
