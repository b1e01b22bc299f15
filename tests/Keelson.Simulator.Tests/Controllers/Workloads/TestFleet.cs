using Keelson.Kubernetes;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Tests.Controllers.Workloads;

/// <summary>
/// A one-cluster simulated fleet (<c>c1</c>) served over HTTP, with Keelson's client and,
/// optionally, <see cref="PodRunner"/> standing in for the scheduler and kubelets.
/// </summary>
internal sealed class TestFleet : IAsyncDisposable
{
    private const string DefaultScenario = """
        seed: 1
        clusters:
          - name: c1
            nodePools: [{name: pool, count: 3}]
        """;

    private TestFleet(SimulatorHost host, PodRunner? pods)
    {
        Host = host;
        Pods = pods;
        Client = new KubernetesClient(host.ClientOptions("c1"));
    }

    public SimulatorHost Host { get; }

    public KubernetesClient Client { get; }

    public PodRunner? Pods { get; }

    public ObjectRegistry Registry => Host.Cluster("c1").Registry;

    /// <summary>Starts <paramref name="scenario"/> (default: three nodes), with pods that run unless <paramref name="runPods"/> is false.</summary>
    public static async Task<TestFleet> StartAsync(string? scenario = null, bool runPods = true, SimulatorOptions? options = null)
    {
        var host = await SimulatorHost.StartAsync(ScenarioLoader.Parse(scenario ?? DefaultScenario, "test"), options ?? new SimulatorOptions());
        return new TestFleet(host, runPods ? PodRunner.Start(host.Cluster("c1")) : null);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (Pods is not null)
        {
            await Pods.DisposeAsync();
        }

        await Host.DisposeAsync();
        if (Host.KubeconfigPath is { } kubeconfig)
        {
            Directory.Delete(Path.GetDirectoryName(kubeconfig)!, recursive: true);
        }
    }
}
