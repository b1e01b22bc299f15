using System.Diagnostics;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Tests.Metrics;

public sealed class MetricsTests
{
    private const string OneNode = """- {name: pool, count: 1, cpu: "8", memory: 16Gi}""";
    private const string Node = "c1-pool-0000";

    [Fact]
    public async Task PodMetrics_FollowTheWorkloadsUsageProfile()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode, workloads: """
            - {name: api, usage: {cpu: 500m, memory: 256Mi, dailyWave: 0, noise: 0}}
            """);
        await cluster.Pods().CreateAsync(Manifests.Pod("api-1", configure: p => p.Metadata.Labels = new Dictionary<string, string> { ["app"] = "api" }));
        await cluster.WaitForPodAsync("api-1", p => p.Status?.Phase == "Running", "Running");

        var metrics = await Eventually.Until(() => cluster.Client.Resource<PodMetrics>("default").GetOrNullAsync("api-1"), m => m is not null, "pod metrics");

        var container = Assert.Single(metrics!.Containers!);
        Assert.Equal("main", container.Name);
        Assert.Equal(Quantity.Parse("500m"), container.Usage!["cpu"]);
        Assert.Equal(Quantity.Parse("256Mi"), container.Usage["memory"]);
        Assert.Equal("30s", metrics.Window);
        Assert.Equal("api", metrics.Metadata.Labels!["app"]);
        Assert.True(metrics.Timestamp <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task NodeMetrics_AreTheNodesOwnUsagePlusItsRunningPods()
    {
        // Scrapes a second apart: metrics timestamps have whole seconds, so equal ones mean one scrape.
        await using var cluster = await TestFleet.StartAsync(OneNode, timing: "metricsInterval: 1s");
        var nodes = cluster.Client.Resource<NodeMetrics>();
        var idle = await nodes.GetAsync(Node);
        Assert.Equal("10.0s", idle.Window);
        Assert.True(idle.Usage!["cpu"] > Quantity.Zero);

        for (var i = 0; i < 3; i++)
        {
            await cluster.Pods().CreateAsync(Manifests.Pod($"web-{i}"));
        }

        await cluster.Pods().CreateAsync(Manifests.Pod("never-runs", image: "bad.example/x"));
        for (var i = 0; i < 3; i++)
        {
            await cluster.WaitForPodAsync($"web-{i}", p => p.Status?.Phase == "Running", "Running");
        }

        // Read both at the same scrape so the pods' noise is the same in each.
        var (node, pods) = await Eventually.Until(
            async () => (await nodes.GetAsync(Node), await cluster.Client.Resource<PodMetrics>("default").ListAsync()),
            r => r.Item2.Items.Count == 3 && r.Item1.Timestamp == r.Item2.Items[0].Timestamp,
            "node and pod metrics of one scrape");

        Assert.DoesNotContain(pods.Items, p => p.Metadata.Name == "never-runs");
        var podCpu = pods.Items.SelectMany(p => p.Containers!).Aggregate(Quantity.Zero, (sum, c) => sum + c.Usage!["cpu"]);
        var podMemory = pods.Items.SelectMany(p => p.Containers!).Aggregate(Quantity.Zero, (sum, c) => sum + c.Usage!["memory"]);
        Assert.Equal(idle.Usage["cpu"] + podCpu, node.Usage!["cpu"]);
        Assert.Equal(idle.Usage["memory"] + podMemory, node.Usage["memory"]);
        var missing = await Assert.ThrowsAsync<KubernetesApiException>(() => cluster.Client.Resource<PodMetrics>("default").GetAsync("never-runs"));
        Assert.Equal((404, "podmetrics.metrics.k8s.io \"default/never-runs\" not found"), (missing.StatusCode, missing.Status.Message));
    }

    [Fact]
    public async Task LeakingContainer_ReportsMoreMemoryAsItAges()
    {
        await using var cluster = await TestFleet.StartAsync(OneNode, workloads: """
            - {name: leaky, usage: {memory: 100Mi, leakPerHour: 1Gi, noise: 0}}
            """);
        await cluster.Pods().CreateAsync(Manifests.Pod("leaky-1", configure: p => p.Metadata.Labels = new Dictionary<string, string> { ["app"] = "leaky" }));
        await cluster.WaitForPodAsync("leaky-1", p => p.Status?.Phase == "Running", "Running");
        var pods = cluster.Client.Resource<PodMetrics>("default");
        var first = await Eventually.Until(() => pods.GetOrNullAsync("leaky-1"), m => m is not null, "pod metrics");

        var later = await Eventually.Until(() => pods.GetAsync("leaky-1"), m => m.Timestamp > first!.Timestamp, "a later scrape");

        Assert.True(later.Containers![0].Usage!["memory"] > first!.Containers![0].Usage!["memory"]);
        Assert.True(first.Containers[0].Usage!["memory"] >= Quantity.Parse("100Mi"));
    }

    [Fact]
    public async Task KubectlTop_ShowsNodesAndPods()
    {
        // kubectl sends its bearer token only over TLS.
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"keelson-metrics-{Guid.NewGuid():N}.yaml");
        var scenario = ScenarioLoader.Parse("""
            timing: {containerStart: 50ms, imagePull: 20ms, metricsInterval: 500ms}
            clusters:
              - name: c1
                nodePools: [{name: pool, count: 2, cpu: "4", memory: 8Gi}]
            """, "test");
        await using var host = await SimulatorHost.StartAsync(scenario, new SimulatorOptions { KubeconfigPath = kubeconfig, Tls = true });
        try
        {
            using var client = new KubernetesClient(host.ClientOptions("c1"));
            await client.Resource<Pod>("default").CreateAsync(Manifests.Pod("web"));
            await Eventually.Until(() => client.Resource<PodMetrics>("default").GetOrNullAsync("web"), m => m is not null, "the pod scraped");

            var nodes = await KubectlAsync(kubeconfig, "top", "nodes");
            var pods = await KubectlAsync(kubeconfig, "top", "pods");

            Assert.Matches(@"^NAME\s+CPU\(cores\)\s+CPU(%|\(%\))\s+MEMORY\(bytes\)\s+MEMORY(%|\(%\))", nodes.Split('\n')[0]);
            Assert.Contains(nodes.Split('\n'), l => l.StartsWith("c1-pool-0000 ", StringComparison.Ordinal));
            Assert.Contains(nodes.Split('\n'), l => l.StartsWith("c1-pool-0001 ", StringComparison.Ordinal));
            Assert.Matches(@"^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)", pods.Split('\n')[0]);
            Assert.Matches(@"^web\s+[0-9]+m\s+[0-9]+Mi", pods.Split('\n')[1]);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    private static async Task<string> KubectlAsync(string kubeconfig, params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/lib/google-cloud-sdk/bin/kubectl.1.30") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} failed: {await error}");
        return await output;
    }
}
