using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime;
using System.Text;
using Keelson.Core.Clusters;
using Keelson.Core.Fleet;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Config;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Watch;

namespace Keelson.Bench;

/// <summary>
/// The live fleet view against 20 simulated clusters (50,000 nodes, 500,000 pods at scale 1) served by
/// <c>keelson sim</c> in a child process: the view's memory per pod, how long a pod change takes to
/// reach the view at 1,000 changes/s, and the latency of fleet queries over HTTP under 50 clients.
/// </summary>
internal sealed class FleetBenchmark : IBenchmark
{
    private const int Clusters = 20;
    private const int ReplicasPerApp = 100;
    private const int ChangesPerSecond = 1_000;
    private const int QueryClients = 50;

    /// <summary>How often each query client asks: 50 clients every 100 ms is 500 requests/s, a busy console times ten.</summary>
    private static readonly TimeSpan ClientPace = TimeSpan.FromMilliseconds(100);

    public string Name => "fleet";

    public string Description => "live fleet view: memory per pod, event-to-view lag, fleet query latency (20 clusters, 50,000 nodes, 500,000 pods)";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(FleetSimulatorProcess.ChildVariable) is { Length: > 0 } scenario)
        {
            await FleetSimulatorProcess.ServeAsync(scenario);
            return [];
        }

        var nodesPerCluster = Math.Max(10, context.Scaled(50_000) / Clusters);
        var appsPerCluster = Math.Max(1, context.Scaled(500_000) / Clusters / ReplicasPerApp);
        var rows = new List<Measurement>();

        var started = Stopwatch.StartNew();
        await using var simulator = await FleetSimulatorProcess.StartAsync(context.WorkDirectory, Scenario(nodesPerCluster, appsPerCluster), cancellationToken);
        Console.WriteLine($"  the simulator served {Clusters} clusters in {started.Elapsed.TotalSeconds:0}s ({simulator.WorkingSet / 1e9:0.0} GB resident in its own process)");
        await using var server = await FleetServer.StartAsync(context.WorkDirectory, cancellationToken);
        var clients = Enumerable.Range(0, Clusters).Select(i => new KubernetesClient(KubeConfig.Parse(simulator.Kubeconfig, "fleet-sim.kubeconfig").ToClientOptions(ClusterName(i)))).ToList();
        try
        {
            rows.AddRange(await MeasureMemoryAsync(simulator, server, clients[0], cancellationToken));
            rows.AddRange(await MeasureLagAsync(context, simulator, server, clients, cancellationToken));
            rows.AddRange(await MeasureQueriesAsync(context, simulator, server, appsPerCluster, nodesPerCluster, cancellationToken));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        return rows;
    }

    private static string ClusterName(int index) => $"fleet-{index:D2}";

    private static string App(int index) => $"app-{index:D3}";

    /// <summary>20 clusters alike: one node pool, apps of 100 replicas in namespaces of 10 apps, pods seeded Running.</summary>
    private static string Scenario(int nodes, int apps)
    {
        var yaml = new StringBuilder("seed: 1\nclusters:\n");
        for (var c = 0; c < Clusters; c++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - name: {ClusterName(c)}\n    labels: {{env: production}}\n    seedRunningPods: true\n");
            yaml.Append(CultureInfo.InvariantCulture, $"    nodePools: [{{name: general, count: {nodes}, cpu: \"32\", memory: 128Gi, zones: [z1, z2, z3]}}]\n    workloads:\n");
            for (var a = 0; a < apps; a++)
            {
                yaml.Append(CultureInfo.InvariantCulture,
                    $"      - {{name: {App(a)}, namespace: team-{a / 10:D2}, replicas: {ReplicasPerApp}, image: \"registry.example.com/shop/{App(a)}:1.{a % 7}\", labels: {{app.kubernetes.io/name: {App(a)}}}}}\n");
            }
        }

        return yaml.ToString();
    }

    /// <summary>Managed heap after a full, compacting collection.</summary>
    private static long Heap()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// Registers the clusters in two halves, waiting for the view to sync each, and divides the heap it
    /// grew by the pods it holds: over the whole sync (the goal's measure, one-time and per-cluster costs
    /// included) and over the second half alone (what one more pod costs).
    /// </summary>
    private static async Task<IReadOnlyList<Measurement>> MeasureMemoryAsync(FleetSimulatorProcess simulator, FleetServer server, KubernetesClient oneCluster, CancellationToken cancellationToken)
    {
        var before = Heap();
        var (firstSync, firstPods, _) = await SyncAsync(server, simulator, 0, Clusters / 2, cancellationToken);
        var half = Heap();
        var (secondSync, pods, nodes) = await SyncAsync(server, simulator, Clusters / 2, Clusters, cancellationToken);
        var after = Heap();
        var perPod = (double)(after - before) / pods;
        var perMorePod = (double)(after - half) / (pods - firstPods);

        // The reference: the same cluster's pods kept as full Pod objects, as a cache without projections would.
        var full = new List<Pod>();
        var beforeFull = Heap();
        await foreach (var page in oneCluster.Resource<Pod>().ListPagesAsync(pageSize: 500, cancellationToken: cancellationToken))
        {
            full.AddRange(page.Items);
        }

        var perFullPod = (double)(Heap() - beforeFull) / full.Count;
        GC.KeepAlive(full);
        return
        [
            new($"fleet view sync: {pods:N0} pods, {nodes:N0} nodes in {Clusters} clusters", (firstSync + secondSync).TotalSeconds, "s"),
            new("fleet view heap after sync", after / 1e6, "MB"),
            new("memory per pod in the fleet view: heap growth over the sync ÷ pods, indexes and per-cluster costs included (reference: full Pod objects)", perPod, "B", "≤ 1 KB", perFullPod, perPod <= 1024),
            new($"memory per additional pod: growth over the last {Clusters / 2} clusters' sync ÷ their pods (reference: full Pod objects)", perMorePod, "B", Reference: perFullPod),
        ];
    }

    /// <summary>Registers clusters [from, to) and waits until every registered cluster is Ready; returns the time it took and the fleet's pods and nodes.</summary>
    private static async Task<(TimeSpan Took, int Pods, int Nodes)> SyncAsync(FleetServer server, FleetSimulatorProcess simulator, int from, int to, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        for (var i = from; i < to; i++)
        {
            await server.Registry.AddAsync(FleetServer.Admin, new ClusterRegistration { Name = ClusterName(i), Kubeconfig = simulator.Kubeconfig, Context = ClusterName(i) }, cancellationToken);
        }

        while (!Enumerable.Range(0, to).All(i => server.View.GetClusterHealth(ClusterName(i))?.Status == ClusterStatus.Ready))
        {
            await Task.Delay(100, cancellationToken);
        }

        var took = clock.Elapsed;
        var health = Enumerable.Range(0, to).Select(i => server.View.GetClusterHealth(ClusterName(i))!).ToList();
        return (took, health.Sum(h => h.Pods.Total), health.Sum(h => h.Nodes.Total));
    }

    /// <summary>
    /// Flips pods' Ready condition in the simulated clusters at 1,000 changes/s and times each change
    /// until the view shows it; the reference is a raw watch of the same pods (full objects, no view).
    /// A first second of changes warms both processes up and is not counted.
    /// </summary>
    private static async Task<IReadOnlyList<Measurement>> MeasureLagAsync(
        BenchmarkContext context, FleetSimulatorProcess simulator, FleetServer server, List<KubernetesClient> clients, CancellationToken cancellationToken)
    {
        var seconds = context.Scale >= 1 ? 20 : 10;
        var warmUp = ChangesPerSecond;
        var total = warmUp + (ChangesPerSecond * seconds);
        var perCluster = (total + Clusters - 1) / Clusters;
        var targets = Enumerable.Range(0, Clusters).Select(c => PodsOf(server.View, ClusterName(c), perCluster)).ToList();
        var changes = Enumerable.Range(0, total).Select(i => targets[i % Clusters][(i / Clusters) % targets[i % Clusters].Count]).Distinct().ToList();

        var viewPending = new ConcurrentDictionary<(string Cluster, string Namespace, string Name), long>();
        var watchPending = new ConcurrentDictionary<(string Cluster, string Namespace, string Name), long>();
        var viewLags = new ConcurrentBag<double>();
        var watchLags = new ConcurrentBag<double>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watches = Enumerable.Range(0, Clusters).Select(c => RawWatchAsync(clients[c], ClusterName(c), watchPending, watchLags, stop.Token)).ToList();
        var observer = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var (pod, sent) in viewPending)
                {
                    if (server.View.GetPod(pod.Cluster, pod.Namespace, pod.Name) is { Ready: false })
                    {
                        viewLags.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                        viewPending.TryRemove(pod, out _);
                    }
                }

                Thread.Sleep(1);
            }
        })
        {
            IsBackground = true,
            Name = "fleet lag observer",
        };
        observer.Start();
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken); // let the raw watches open

        var start = Stopwatch.GetTimestamp();
        var measuredFrom = 0L;
        for (var i = 0; i < changes.Count; i++)
        {
            if (i == warmUp)
            {
                while (!viewPending.IsEmpty || !watchPending.IsEmpty)
                {
                    await Task.Delay(10, cancellationToken);
                }

                viewLags.Clear();
                watchLags.Clear();
                start = measuredFrom = Stopwatch.GetTimestamp();
            }

            var due = start + ((i - (i >= warmUp ? warmUp : 0)) * Stopwatch.Frequency / ChangesPerSecond);
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(1, cancellationToken);
            }

            var key = (changes[i].Cluster, changes[i].Namespace, changes[i].Name);
            var sent = Stopwatch.GetTimestamp();
            viewPending[key] = sent;
            watchPending[key] = sent;
            await simulator.PodNotReadyAsync(key.Cluster, key.Namespace, key.Name);
        }

        var driven = Stopwatch.GetElapsedTime(measuredFrom);
        var deadline = Stopwatch.StartNew();
        while ((!viewPending.IsEmpty || !watchPending.IsEmpty) && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50, cancellationToken);
        }

        var lost = viewPending.Count;
        await stop.CancelAsync();
        await Task.WhenAll(watches);
        observer.Join();

        var measured = changes.Count - warmUp;
        var rate = measured / driven.TotalSeconds;
        var view = viewLags.Order().ToList();
        var watch = watchLags.Order().ToList();
        var label = $"at {rate:N0} pod changes/s ({measured:N0} changes, {lost} never seen)";
        return
        [
            new($"event-to-view lag p50 {label} (reference: raw watch)", Percentile(view, 0.50), "ms", Reference: Percentile(watch, 0.50)),
            new($"event-to-view lag p99 {label} (reference: raw watch)", Percentile(view, 0.99), "ms", "≤ 1 s", Percentile(watch, 0.99), Percentile(view, 0.99) <= 1000 && lost == 0),
        ];
    }

    /// <summary>The first <paramref name="count"/> pods of a cluster (or all it has), read from the view page by page.</summary>
    private static List<FleetPod> PodsOf(FleetView view, string cluster, int count)
    {
        var pods = new List<FleetPod>(count);
        string? token = null;
        do
        {
            var page = view.ListPods(new PodQuery { Cluster = cluster, Limit = FleetView.MaxLimit, Continue = token }, _ => true);
            pods.AddRange(page.Items);
            token = page.Continue;
        }
        while (token is not null && pods.Count < count);
        return pods.Count > count ? pods[..count] : pods;
    }

    /// <summary>A plain watch of a cluster's pods (full objects decoded, no cache), timing the same changes.</summary>
    private static async Task RawWatchAsync(
        KubernetesClient client, string cluster, ConcurrentDictionary<(string, string, string), long> pending, ConcurrentBag<double> lags, CancellationToken stop)
    {
        var version = (await client.Resource<Pod>().ListAsync(new ListOptions { Limit = 1 }, stop)).Metadata.ResourceVersion;
        try
        {
            await foreach (var e in client.Resource<Pod>().WatchAsync(new ListOptions { ResourceVersion = version, TimeoutSeconds = 3600 }, stop))
            {
                if (e is { Type: WatchEventType.Modified, Object: { } pod } &&
                    pod.Status?.Conditions?.Exists(c => c.Type == "Ready" && c.Status == "False") == true &&
                    pending.TryRemove((cluster, pod.Metadata.Namespace!, pod.Metadata.Name!), out var sent))
                {
                    lags.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The measurement is over.
        }
    }

    /// <summary>
    /// 50 clients asking fleet questions over HTTP (bearer token, access check, JSON): pods of one app
    /// across the fleet, and NotReady nodes (1% of nodes are made NotReady first). The reference is the
    /// same query called in-process on the view by as many concurrent callers.
    /// </summary>
    private static async Task<IReadOnlyList<Measurement>> MeasureQueriesAsync(
        BenchmarkContext context, FleetSimulatorProcess simulator, FleetServer server, int apps, int nodesPerCluster, CancellationToken cancellationToken)
    {
        var downPerCluster = Math.Max(1, nodesPerCluster / 100);
        for (var c = 0; c < Clusters; c++)
        {
            for (var n = 0; n < downPerCluster; n++)
            {
                await simulator.NodeNotReadyAsync(ClusterName(c), $"{ClusterName(c)}-general-{n * 97 % nodesPerCluster:D4}");
            }
        }

        while (server.View.ListNodes(new NodeQuery { Condition = FleetNode.NotReady, Limit = FleetView.MaxLimit }, _ => true).Items.Count < Math.Min(FleetView.MaxLimit, downPerCluster * Clusters))
        {
            await Task.Delay(100, cancellationToken);
        }

        var duration = TimeSpan.FromSeconds(context.Scale >= 1 ? 10 : 5);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = QueryClients * 2 }) { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        Func<Random, Task> appOverHttp = async random =>
        {
            using var response = await http.GetAsync(new Uri($"/api/v1/pods?app={App(random.Next(apps))}", UriKind.Relative), cancellationToken);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
        };
        Func<Random, Task> appInProcess = random =>
        {
            server.View.ListPods(new PodQuery { App = App(random.Next(apps)) }, _ => true);
            return Task.CompletedTask;
        };
        Func<Random, Task> nodesOverHttp = async _ =>
        {
            using var response = await http.GetAsync(new Uri("/api/v1/nodes?condition=NotReady", UriKind.Relative), cancellationToken);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
        };
        Func<Random, Task> nodesInProcess = _ =>
        {
            server.View.ListNodes(new NodeQuery { Condition = FleetNode.NotReady }, _ => true);
            return Task.CompletedTask;
        };

        var rows = new List<Measurement>();
        foreach (var (what, overHttp, inProcess) in new[]
        {
            ($"pods of one app across the fleet ({Clusters * ReplicasPerApp:N0} pods, page of 100)", appOverHttp, appInProcess),
            ($"NotReady nodes ({downPerCluster * Clusters:N0}, page of 100)", nodesOverHttp, nodesInProcess),
        })
        {
            var paced = await LoadAsync(duration, ClientPace, overHttp);
            var pacedInProcess = await LoadAsync(duration, ClientPace, inProcess);
            var flatOut = await LoadAsync(duration, null, overHttp);
            var p99 = Percentile(paced, 0.99);
            rows.Add(new(
                $"query p99: {what}, {QueryClients} clients over HTTP each asking every {ClientPace.TotalMilliseconds:0} ms ({paced.Count / duration.TotalSeconds:N0} req/s) (reference: same load in-process)",
                p99, "ms", "≤ 50 ms", Percentile(pacedInProcess, 0.99), p99 <= 50));
            rows.Add(new(
                $"query p99: {what}, {QueryClients} clients over HTTP asking without pause: {flatOut.Count / duration.TotalSeconds:N0} req/s, load generator in the same process",
                Percentile(flatOut, 0.99), "ms"));
        }

        return rows;
    }

    /// <summary>
    /// Runs <paramref name="request"/> from <see cref="QueryClients"/> concurrent callers for <paramref name="duration"/>,
    /// each starting a request every <paramref name="pace"/> (or at once after the last when null), after two
    /// uncounted seconds that let the JIT finish optimizing; returns each latency in ms, sorted.
    /// </summary>
    private static async Task<List<double>> LoadAsync(TimeSpan duration, TimeSpan? pace, Func<Random, Task> request)
    {
        var latencies = new ConcurrentBag<double>();
        var counted = Stopwatch.GetTimestamp() + (2 * Stopwatch.Frequency);
        var end = counted + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, QueryClients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            var next = Stopwatch.GetTimestamp() + (long)(random.NextDouble() * (pace ?? TimeSpan.Zero).TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < end)
            {
                if (pace is { } every)
                {
                    if (Stopwatch.GetTimestamp() < next)
                    {
                        await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next));
                    }

                    next += (long)(every.TotalSeconds * Stopwatch.Frequency);
                }

                var start = Stopwatch.GetTimestamp();
                await request(random);
                if (start >= counted)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        })));
        return [.. latencies.Order()];
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
