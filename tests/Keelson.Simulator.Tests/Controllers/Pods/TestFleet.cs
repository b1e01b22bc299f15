using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Yaml;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Tests.Controllers.Pods;

/// <summary>A one-cluster simulator (<c>c1</c>) served over HTTP, Keelson's client to it, and the test kubelet.</summary>
internal sealed class TestFleet : IAsyncDisposable
{
    private TestFleet(SimulatorHost host, bool autoReady)
    {
        Host = host;
        Client = new KubernetesClient(host.ClientOptions("c1"));
        Kubelet = new TestKubelet(host, "c1", autoReady);
    }

    public SimulatorHost Host { get; }

    public KubernetesClient Client { get; }

    public TestKubelet Kubelet { get; }

    /// <summary>
    /// Starts a cluster whose node pools are <paramref name="nodePools"/> (YAML flow list) and timing
    /// <paramref name="timing"/> (YAML flow map); with a <paramref name="kubeconfig"/> path it serves HTTPS
    /// (kubectl sends no credentials over plain HTTP) and writes a kubeconfig there.
    /// </summary>
    public static async Task<TestFleet> StartAsync(bool autoReady, string nodePools = "[{name: pool, count: 3}]", string timing = "{}", string? kubeconfig = null)
    {
        var scenario = ScenarioLoader.Parse($"timing: {timing}\nclusters:\n  - name: c1\n    nodePools: {nodePools}\n", "test");
        return new TestFleet(await SimulatorHost.StartAsync(scenario, new SimulatorOptions { KubeconfigPath = kubeconfig, Tls = kubeconfig is not null }), autoReady);
    }

    /// <summary>A typed object from a YAML manifest.</summary>
    public static T Manifest<T>(string yaml)
        where T : KubernetesObject => (T)ManifestReader.Read(yaml, "test manifest").Single();

    public ResourceClient<Pod> Pods(string @namespace = "default") => Client.Resource<Pod>(@namespace);

    /// <summary>The names of the pods of <paramref name="namespace"/> whose labels match <paramref name="selector"/>, sorted.</summary>
    public async Task<List<Pod>> ListPodsAsync(string selector, string @namespace = "default") =>
        [.. (await Pods(@namespace).ListAsync(new ListOptions { LabelSelector = selector })).Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        await Kubelet.DisposeAsync();
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
