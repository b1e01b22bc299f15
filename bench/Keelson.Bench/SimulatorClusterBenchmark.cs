using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Config;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Watch;

namespace Keelson.Bench;

/// <summary>
/// The simulator as a cluster: 10,000 nodes heartbeating every 10 s and 100,000 pods its
/// controllers, scheduler and kubelets made, in a child process — lease renewal lag read through
/// a watch, its memory, a 1,000-replica Deployment rolling out (maxSurge 25%, 100 ms container
/// start); then a fleet of 20 clusters of 2,500 nodes and 25,000 pods each in one process.
/// </summary>
internal sealed class SimulatorClusterBenchmark : IBenchmark
{
    private const string Cluster = "big";
    private const string FleetPrefix = "fleet";
    private const int FleetClusters = 20;

    /// <summary>The kubelet start the rollout asks for: containers run 100 ms after the pod is bound, images need no pull.</summary>
    private const string Timing = "containerStart: 100ms, imagePull: 0s, nodeHeartbeat: 10s";

    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    public string Name => "simulator-cluster";

    public string Description => "simulated cluster: lease renewal lag and memory at 10,000 nodes / 100,000 pods, a 1,000-replica rollout, 20 clusters in one process";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        if (SimulatorProcess.IsChild)
        {
            await SimulatorProcess.ServeAsync();
            return [];
        }

        var rows = new List<Measurement>();
        rows.AddRange(await MeasureClusterAsync(context, cancellationToken));
        rows.AddRange(await MeasureFleetAsync(context, cancellationToken));
        return rows;
    }

    private async Task<IReadOnlyList<Measurement>> MeasureClusterAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var nodes = context.Scaled(10_000);
        var pods = context.Scaled(100_000);
        await using var simulator = await SimulatorProcess.StartAsync(context.WorkDirectory, Name, SimulatorScenario.Yaml(Cluster, 1, nodes, pods, seedRunning: false, Timing), cancellationToken);
        var up = await simulator.WaitForRunningAsync(pods, cancellationToken);
        Console.WriteLine($"  {nodes:N0} nodes; the cluster's controllers had {pods:N0} pods Running after {up.TotalSeconds:0}s");
        using var client = new KubernetesClient(KubeConfig.LoadFile(simulator.KubeconfigPath).ToClientOptions(Cluster));

        var rows = new List<Measurement>();
        rows.AddRange(await MeasureLeasesAsync(client, nodes, context.Scale >= 1 ? 3 : 2, cancellationToken));
        var stats = await simulator.StatsAsync(cancellationToken);
        SimulatorMemory.Print(stats);
        rows.Add(Memory($"simulator resident memory: {nodes:N0} nodes, {pods:N0} pods made by its controllers, heartbeats every 10 s", stats.WorkingSet, 1.5, context));
        rows.Add(new($"events kept (reference: what 6 events per pod would be)", stats.Tables.GetValueOrDefault("v1/Event")?.Count ?? 0, "events", Reference: pods * 6));
        rows.AddRange(await MeasureRolloutAsync(client, context.Scaled(1_000), cancellationToken));
        var after = await simulator.StatsAsync(cancellationToken);
        rows.Add(Memory("simulator peak resident memory over the run", after.PeakWorkingSet, 1.5, context));
        return rows;
    }

    /// <summary>A memory row whose goal is checked at full scale only (a runtime's fixed cost does not scale down).</summary>
    internal static Measurement Memory(string metric, long bytes, double goalGb, BenchmarkContext context) =>
        new(metric, bytes / 1e9, "GB", context.Scale >= 1 ? $"≤ {goalGb} GB" : $"≤ {goalGb} GB at scale 1", Met: context.Scale >= 1 ? bytes <= goalGb * 1e9 : null);

    /// <summary>
    /// Watches every node's Lease for <paramref name="intervals"/> heartbeat intervals: a renewal's lag is
    /// how much later than one interval after the previous renewal it came; delivery is how long the
    /// renewal took to reach the watch.
    /// </summary>
    private static async Task<IReadOnlyList<Measurement>> MeasureLeasesAsync(KubernetesClient client, int nodes, int intervals, CancellationToken cancellationToken)
    {
        var leases = client.Resource<Lease>().InNamespace("kube-node-lease");
        var list = await leases.ListAllAsync(cancellationToken: cancellationToken);
        var last = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var lease in list.Items)
        {
            last[lease.Metadata.Name!] = lease.Spec!.RenewTime!.Value;
        }

        var lags = new List<double>();
        var delivery = new List<double>();
        var renewed = new HashSet<string>(StringComparer.Ordinal);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(Heartbeat * intervals);
        try
        {
            await foreach (var e in leases.WatchAsync(new ListOptions { ResourceVersion = list.Metadata.ResourceVersion, TimeoutSeconds = 600 }, window.Token))
            {
                if (e is not { Type: WatchEventType.Modified, Object: { Spec.RenewTime: { } renewTime } lease })
                {
                    continue;
                }

                var name = lease.Metadata.Name!;
                delivery.Add((DateTimeOffset.UtcNow - renewTime).TotalMilliseconds);
                if (last.TryGetValue(name, out var previous))
                {
                    lags.Add((renewTime - previous - Heartbeat).TotalMilliseconds);
                }

                last[name] = renewTime;
                renewed.Add(name);
            }
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The window is over.
        }

        lags.Sort();
        delivery.Sort();
        var p99 = Percentile(lags, 0.99);
        return
        [
            new($"lease renewal lag p50 over {intervals} heartbeats ({lags.Count:N0} renewals; lag = renewal − previous renewal − 10 s)", Percentile(lags, 0.50), "ms"),
            new("lease renewal lag p99", p99, "ms", "≤ 1,000 ms", Met: p99 <= 1000),
            new("lease renewal lag max", lags.Count == 0 ? double.NaN : lags[^1], "ms"),
            new("lease renewal seen by the watch p99 (renewTime → event received)", Percentile(delivery, 0.99), "ms"),
            new($"nodes whose lease was renewed in the window (reference: nodes)", renewed.Count, "nodes", "all", nodes, renewed.Count == nodes),
        ];
    }

    /// <summary>
    /// Creates a Deployment of <paramref name="replicas"/> (maxSurge 25%, maxUnavailable 25%) and times
    /// it until every replica is available — the reference — then changes its image and times the
    /// rollout until every replica runs the new template and no old one is left.
    /// </summary>
    private static async Task<IReadOnlyList<Measurement>> MeasureRolloutAsync(KubernetesClient client, int replicas, CancellationToken cancellationToken)
    {
        var deployments = client.Resource<Deployment>().InNamespace("default");
        var json = $$$$$"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"rollout","namespace":"default"},
             "spec":{"replicas":{{{{{replicas}}}}},"selector":{"matchLabels":{"app":"rollout"}},
              "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
              "template":{"metadata":{"labels":{"app":"rollout"}},
               "spec":{"containers":[{"name":"app","image":"registry.example.com/rollout:1","resources":{"requests":{"cpu":"10m","memory":"16Mi"}}}]}}}}
            """;
        var clock = Stopwatch.StartNew();
        await deployments.CreateAsync(KubernetesJson.Deserialize<Deployment>(json), cancellationToken: cancellationToken);
        var created = await WaitForRolloutAsync(deployments, replicas, 1, cancellationToken);
        var scaleUp = clock.Elapsed;

        clock.Restart();
        var patch = new Patch(PatchType.StrategicMerge, Encoding.UTF8.GetBytes("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"registry.example.com/rollout:2"}]}}}}"""));
        await deployments.PatchAsync("rollout", patch, cancellationToken: cancellationToken);
        await WaitForRolloutAsync(deployments, replicas, created + 1, cancellationToken);
        var rollout = clock.Elapsed;
        await deployments.DeleteAsync("rollout", cancellationToken: cancellationToken);
        return
        [
            new($"Deployment of {replicas:N0} rolled out to a new image, maxSurge 25%, 100 ms container start (reference: creating it)", rollout.TotalSeconds, "s", Reference: scaleUp.TotalSeconds),
        ];
    }

    /// <summary>Polls until the Deployment's controller has seen <paramref name="generation"/> and every replica is updated and available, none old; returns the generation.</summary>
    private static async Task<long> WaitForRolloutAsync(ResourceClient<Deployment> deployments, int replicas, long generation, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(20));
        while (true)
        {
            var d = await deployments.GetAsync("rollout", timeout.Token);
            if (d.Status is { } s && s.ObservedGeneration >= d.Metadata.Generation && d.Metadata.Generation >= generation &&
                s.UpdatedReplicas == replicas && s.AvailableReplicas == replicas && s.Replicas == replicas)
            {
                return d.Metadata.Generation ?? generation;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>20 clusters of 2,500 nodes and 25,000 Running pods each (seeded, as the fleet benchmark does), served by one process.</summary>
    private async Task<IReadOnlyList<Measurement>> MeasureFleetAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var nodes = context.Scaled(2_500);
        var pods = context.Scaled(25_000);
        var clock = Stopwatch.StartNew();
        await using var simulator = await SimulatorProcess.StartAsync(context.WorkDirectory, Name, SimulatorScenario.Yaml(FleetPrefix, FleetClusters, nodes, pods, seedRunning: true, Timing), cancellationToken);
        var serving = clock.Elapsed;
        // A minute of heartbeats, status reports and metrics, as a fleet at rest goes through.
        await Task.Delay(TimeSpan.FromSeconds(context.Scale >= 1 ? 60 : 20), cancellationToken);
        var stats = await simulator.StatsAsync(cancellationToken);
        SimulatorMemory.Print(stats);
        return
        [
            new($"fleet of {FleetClusters} clusters ({nodes:N0} nodes, {pods:N0} pods each) serving after", serving.TotalSeconds, "s"),
            Memory($"fleet simulator resident memory, {FleetClusters * pods:N0} pods (peak over the run as reference)", stats.WorkingSet, 8, context) with { Reference = stats.PeakWorkingSet / 1e9 },
            new("fleet simulator managed heap after full GC (reference: JSON of every stored object)", stats.HeapBytes / 1e9, "GB", Reference: stats.Tables.Values.Sum(t => t.JsonBytes) / 1e9),
        ];
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
