using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Config;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Bench;

/// <summary>
/// The simulator's API under load: one cluster of 10,000 nodes and 100,000 pods (made by its
/// controllers, scheduler and kubelets) in a child process. Its resident memory, listing every pod
/// in pages of 500 through Keelson's client against kubectl, and 20 watchers of every pod while
/// pods change at 1,000/s.
/// </summary>
internal sealed class SimulatorApiBenchmark : IBenchmark
{
    private const string Cluster = "api";
    private const int PageSize = 500;
    private const int Watchers = 20;
    private const int ChangesPerSecond = 1_000;
    private const int ChurnSeconds = 10;

    public string Name => "simulator-api";

    public string Description => "simulator API: memory, listing 100,000 pods (Keelson client vs kubectl), 20-watcher fan-out at 1,000 changes/s";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        if (SimulatorProcess.IsChild)
        {
            await SimulatorProcess.ServeAsync();
            return [];
        }

        var nodes = context.Scaled(10_000);
        var pods = context.Scaled(100_000);
        var rows = new List<Measurement>();
        var clock = Stopwatch.StartNew();
        await using var simulator = await SimulatorProcess.StartAsync(context.WorkDirectory, Name, SimulatorScenario.Yaml(Cluster, 1, nodes, pods, seedRunning: false), cancellationToken);
        var serving = clock.Elapsed;
        var up = await simulator.WaitForRunningAsync(pods, cancellationToken);
        Console.WriteLine($"  the simulator served {nodes:N0} nodes after {serving.TotalSeconds:0}s; its controllers had {pods:N0} pods Running {up.TotalSeconds:0}s later");

        var stats = await simulator.StatsAsync(cancellationToken);
        SimulatorMemory.Print(stats);
        rows.Add(SimulatorClusterBenchmark.Memory($"simulator resident memory: {nodes:N0} nodes, {pods:N0} pods, all Running", stats.WorkingSet, 1.5, context));
        rows.Add(new("simulator managed heap after full GC (reference: JSON of every stored object)", stats.HeapBytes / 1e9, "GB", Reference: stats.Tables.Values.Sum(t => t.JsonBytes) / 1e9));

        var options = KubeConfig.LoadFile(simulator.KubeconfigPath).ToClientOptions(Cluster);
        rows.AddRange(await MeasureListAsync(simulator, options, pods, cancellationToken));
        rows.AddRange(await MeasureFanOutAsync(simulator, options, cancellationToken));
        var after = await simulator.StatsAsync(cancellationToken);
        rows.Add(SimulatorClusterBenchmark.Memory("simulator peak resident memory over the run (lists and watches included)", after.PeakWorkingSet, 1.5, context));
        return rows;
    }

    /// <summary>Lists every pod in pages of 500 with Keelson's client (decoding typed pods) and with kubectl, best of three each.</summary>
    private static async Task<IReadOnlyList<Measurement>> MeasureListAsync(SimulatorProcess simulator, KubernetesClientOptions options, int pods, CancellationToken cancellationToken)
    {
        using var client = new KubernetesClient(options);
        var keelson = TimeSpan.MaxValue;
        var kubectl = TimeSpan.MaxValue;
        var listed = 0;
        var named = 0;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            listed = 0;
            await foreach (var page in client.Resource<Pod>().ListPagesAsync(pageSize: PageSize, cancellationToken: cancellationToken))
            {
                listed += page.Items.Count;
            }

            keelson = Min(keelson, clock.Elapsed);
            clock.Restart();
            named = await KubectlAsync(simulator.KubeconfigPath, cancellationToken);
            kubectl = Min(kubectl, clock.Elapsed);
        }

        if (listed != pods || named != pods)
        {
            Console.WriteLine($"  warning: listed {listed:N0} pods with Keelson's client and {named:N0} with kubectl; {pods:N0} exist");
        }

        return
        [
            new($"list {listed:N0} pods in pages of {PageSize}, Keelson client, typed (reference: kubectl get pods -A --chunk-size={PageSize} -o name)", keelson.TotalSeconds, "s", Reference: kubectl.TotalSeconds),
            new("list rate, Keelson client (reference: kubectl)", listed / keelson.TotalSeconds, "pods/s", Reference: named / kubectl.TotalSeconds),
        ];
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Runs kubectl as a user would and counts the names it prints.</summary>
    private static async Task<int> KubectlAsync(string kubeconfig, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/usr/bin/kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["KUBECONFIG"] = kubeconfig },
        };
        foreach (var arg in new[] { "--context", Cluster, "get", "pods", "-A", $"--chunk-size={PageSize}", "-o", "name" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var names = 0;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            names += line.StartsWith("pod/", StringComparison.Ordinal) ? 1 : 0;
        }

        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? names : throw new InvalidOperationException($"kubectl failed ({process.ExitCode}): {await errors}");
    }

    /// <summary>
    /// Opens 20 watches of every pod, has the simulator change pods at 1,000/s for 10 s, and checks
    /// that every watcher gets every change, and how late. The watchers read the raw stream (no
    /// decoding) so that the client machine, not the simulator, is never the bottleneck.
    /// </summary>
    private static async Task<IReadOnlyList<Measurement>> MeasureFanOutAsync(SimulatorProcess simulator, KubernetesClientOptions options, CancellationToken cancellationToken)
    {
        using var client = new KubernetesClient(options);
        var version = (await client.Resource<Pod>().ListAsync(new ListOptions { Limit = 1 }, cancellationToken)).Metadata.ResourceVersion;
        using var http = new HttpClient(KubernetesHttpHandlerFactory.Create(options)) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = await options.Credentials!.GetAuthorizationAsync(cancellationToken);
        var url = new Uri(options.Server.ToString().TrimEnd('/') + $"/api/v1/pods?watch=true&resourceVersion={version}&timeoutSeconds=600");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watchers = Enumerable.Range(0, Watchers).Select(_ => new RawWatcher()).ToList();
        var running = watchers.Select(w => w.RunAsync(http, url, stop.Token)).ToList();
        while (watchers.Any(w => !w.Open))
        {
            await Task.Delay(50, cancellationToken);
        }

        var (changes, seconds) = await simulator.ChurnAsync(ChangesPerSecond, ChurnSeconds, cancellationToken);
        var deadline = Stopwatch.StartNew();
        while (watchers.Any(w => w.Received < changes && !w.Closed) && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50, cancellationToken);
        }

        await stop.CancelAsync();
        await Task.WhenAll(running);
        var received = watchers.Select(w => w.Received).ToList();
        var lags = watchers.SelectMany(w => w.Lags).Order().ToList();
        var behind = watchers.Count(w => w.Received < changes);
        return
        [
            new($"pod changes made by the simulator ({changes:N0} in {seconds:0.0} s; reference: the rate asked)", changes / seconds, "changes/s", Reference: ChangesPerSecond),
            new($"events per watcher, fewest of {Watchers} (reference: changes made)", received.Min(), "events", "all", changes, received.Min() == changes),
            new($"watchers that fell behind or were closed", behind, "watchers", "0", Met: behind == 0),
            new("watch delivery lag p50", Percentile(lags, 0.50), "ms"),
            new("watch delivery lag p99", Percentile(lags, 0.99), "ms"),
            new("watch delivery lag max", lags.Count == 0 ? double.NaN : lags[^1], "ms"),
        ];
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>One watch read as raw lines: counts the events carrying the benchmark's stamp and how late each arrived.</summary>
    private sealed class RawWatcher
    {
        private static readonly byte[] Stamp = Encoding.UTF8.GetBytes($"\"{SimulatorProcess.SentAnnotation}\":\"");

        private readonly HashSet<long> _seen = [];

        public ConcurrentBag<double> Lags { get; } = [];

        public int Received { get; private set; }

        public bool Open { get; private set; }

        public bool Closed { get; private set; }

        public async Task RunAsync(HttpClient http, Uri url, CancellationToken stop)
        {
            try
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, stop);
                response.EnsureSuccessStatusCode();
                await using var stream = await response.Content.ReadAsStreamAsync(stop);
                Open = true;
                var buffer = new ArrayBufferWriter<byte>(1 << 16);
                var scan = 0;
                while (true)
                {
                    var read = await stream.ReadAsync(buffer.GetMemory(1 << 16), stop);
                    if (read == 0)
                    {
                        break;
                    }

                    buffer.Advance(read);
                    var data = buffer.WrittenSpan;
                    int newline;
                    var consumed = 0;
                    while ((newline = data[scan..].IndexOf((byte)'\n')) >= 0)
                    {
                        Line(data[consumed..(scan + newline)]);
                        consumed = scan + newline + 1;
                        scan = consumed;
                    }

                    var rest = data[consumed..].ToArray();
                    buffer.Clear();
                    buffer.Write(rest);
                    scan = rest.Length;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The measurement is over.
            }

            Closed = true;
        }

        private void Line(ReadOnlySpan<byte> line)
        {
            var at = line.IndexOf(Stamp);
            if (at < 0)
            {
                return;
            }

            var value = line[(at + Stamp.Length)..];
            value = value[..value.IndexOf((byte)'"')];
            var sent = long.Parse(Encoding.ASCII.GetString(value), CultureInfo.InvariantCulture);
            if (_seen.Add(sent))
            {
                // Later writes to a changed pod (its kubelet's) carry the stamp too; count each change once.
                Lags.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                Received++;
            }
        }
    }
}
