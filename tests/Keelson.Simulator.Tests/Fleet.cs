using Keelson.Kubernetes;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Tests;

/// <summary>A simulated fleet started in-process on a free loopback port, and a client for its first cluster.</summary>
internal sealed class Fleet : IAsyncDisposable
{
    private Fleet(SimulatorHost host, KubernetesClient client)
    {
        Host = host;
        Client = client;
    }

    public SimulatorHost Host { get; }

    public KubernetesClient Client { get; }

    /// <summary>One cluster "c1" with <paramref name="nodes"/> nodes and fast timing, plus whatever YAML is appended.</summary>
    public static Task<Fleet> StartAsync(int nodes = 3, string extra = "", int watchHistory = 25_000) =>
        StartAsync($$"""
            timing: {containerStart: 50ms, imagePull: 10ms, nodeMonitorGracePeriod: 2s, nodeHeartbeat: 500ms}
            clusters:
              - name: c1
                nodePools: [{name: pool, count: {{nodes}}, cpu: "4", memory: 16Gi, zones: [z1, z2]}]
            {{extra}}
            """, watchHistory);

    public static async Task<Fleet> StartAsync(string scenarioYaml, int watchHistory)
    {
        var host = await SimulatorHost.StartAsync(ScenarioLoader.Parse(scenarioYaml, "test.yaml"), new SimulatorOptions { WatchHistory = watchHistory });
        return new Fleet(host, new KubernetesClient(host.ClientOptions(host.Clusters[0].Name)));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
