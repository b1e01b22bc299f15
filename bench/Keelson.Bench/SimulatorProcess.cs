using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Scenarios;
using Keelson.Simulator.Store;

namespace Keelson.Bench;

/// <summary>
/// A simulator in a child process, served as <c>keelson sim</c> serves it (HTTPS with a generated
/// CA, so kubectl sends its token; a kubeconfig written beside the scenario): this benchmark run
/// again with <see cref="ChildVariable"/> naming the scenario. The child takes commands on stdin
/// and answers each with one line: <c>stats</c> (its memory and what its tables hold),
/// <c>pods</c> (pods stored and Running), <c>churn RATE SECONDS</c> (pod changes).
/// </summary>
/// <remarks>
/// Churn writes pods through the cluster's storage, as etcd commits a write, and they reach
/// watchers like any other write; the API write path would cost the simulator about 2 ms of CPU
/// per change and, on a small machine, limit the rate before the watch fan-out does.
/// </remarks>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    /// <summary>Set in the child's environment to the scenario file it serves.</summary>
    public const string ChildVariable = "KEELSON_BENCH_SIM_SCENARIO";

    /// <summary>The annotation churn writes: the <see cref="Stopwatch"/> timestamp of the change (monotonic, shared by processes on Linux).</summary>
    public const string SentAnnotation = "bench.keelson.dev/sent";

    private const string Ready = "simulator ready";

    private readonly Process _process;
    private readonly SemaphoreSlim _commands = new(1, 1);

    private SimulatorProcess(Process process, string kubeconfigPath)
    {
        _process = process;
        KubeconfigPath = kubeconfigPath;
        Kubeconfig = File.ReadAllText(kubeconfigPath);
    }

    /// <summary>Whether this process is the child, asked to serve a scenario.</summary>
    public static bool IsChild => Environment.GetEnvironmentVariable(ChildVariable) is { Length: > 0 };

    /// <summary>The kubeconfig file the simulator wrote: one context per cluster, named after it.</summary>
    public string KubeconfigPath { get; }

    /// <summary>Its text.</summary>
    public string Kubeconfig { get; }

    /// <summary>The child's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The child's resident memory.</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>The child's peak resident memory so far.</summary>
    public long PeakWorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    /// <summary>Writes <paramref name="scenarioYaml"/>, starts the child (as benchmark <paramref name="benchmark"/>) and waits until it serves.</summary>
    public static async Task<SimulatorProcess> StartAsync(string workDirectory, string benchmark, string scenarioYaml, CancellationToken cancellationToken)
    {
        var scenario = Path.Combine(workDirectory, benchmark + "-scenario.yaml");
        await File.WriteAllTextAsync(scenario, scenarioYaml, cancellationToken);
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { [ChildVariable] = scenario },
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SimulatorProcess).Assembly.Location);
        }

        start.ArgumentList.Add(benchmark);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        process.BeginErrorReadLine();
        process.StandardInput.AutoFlush = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(15));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(Ready, StringComparison.Ordinal))
            {
                return new SimulatorProcess(process, line[(Ready.Length + 1)..]);
            }
        }

        throw new InvalidOperationException($"the simulator exited before serving: {errors}");
    }

    /// <summary>The child's managed heap after a full collection, its resident memory and what each table holds.</summary>
    public async Task<SimulatorStats> StatsAsync(CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<SimulatorStats>(await CommandAsync("stats", cancellationToken))!;

    /// <summary>Pods stored and pods Running, over every cluster.</summary>
    public async Task<(int Pods, int Running)> PodsAsync(CancellationToken cancellationToken)
    {
        var parts = (await CommandAsync("pods", cancellationToken)).Split(' ');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Changes pods of the first cluster at <paramref name="rate"/>/s for <paramref name="seconds"/>,
    /// each once at most, stamping <see cref="SentAnnotation"/>; returns the changes made and the time taken.
    /// </summary>
    public async Task<(int Changes, double Seconds)> ChurnAsync(int rate, int seconds, CancellationToken cancellationToken)
    {
        var parts = (await CommandAsync(FormattableString.Invariant($"churn {rate} {seconds}"), cancellationToken)).Split(' ');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until <paramref name="pods"/> pods are Running in the child, printing progress.</summary>
    public async Task<TimeSpan> WaitForRunningAsync(int pods, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var lastPrint = TimeSpan.Zero;
        while (true)
        {
            var (stored, running) = await PodsAsync(cancellationToken);
            if (running >= pods)
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed - lastPrint > TimeSpan.FromSeconds(30))
            {
                lastPrint = clock.Elapsed;
                Console.WriteLine($"  … {running:N0} of {pods:N0} pods Running ({stored:N0} stored) after {clock.Elapsed.TotalSeconds:0}s, simulator {WorkingSet / 1e9:0.00} GB");
            }

            await Task.Delay(1000, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _commands.Dispose();
    }

    /// <summary>The child: serves the scenario until stdin closes, answering each command with one line.</summary>
    public static async Task ServeAsync()
    {
        var scenario = Environment.GetEnvironmentVariable(ChildVariable)!;
        var kubeconfig = Path.Combine(Path.GetDirectoryName(scenario)!, Path.GetFileNameWithoutExtension(scenario) + ".kubeconfig");
        var options = new SimulatorOptions { KubeconfigPath = kubeconfig, Tls = true };
        if (Environment.GetEnvironmentVariable("KEELSON_BENCH_SIM_HISTORY") is { Length: > 0 } history)
        {
            // An experiment's knob: a different watch history, to see what it costs.
            options = options with { WatchHistory = int.Parse(history, CultureInfo.InvariantCulture) };
        }

        await using var host = await SimulatorHost.StartAsync(ScenarioLoader.Load(scenario), options);
        Console.WriteLine($"{Ready} {kubeconfig}");
        var churned = 0;
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ');
            // A thread of its own: churn paces itself with sleeps, which must not take one of the
            // thread pool's few threads (two on a two-core machine) from the server it measures.
            var answer = await Task.Factory.StartNew(
                () => parts[0] switch
                {
                    "stats" => Stats(host),
                    "pods" => Pods(host),
                    "churn" => Churn(host.Clusters[0], int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), ref churned),
                    _ => $"unknown command {parts[0]}",
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            Console.WriteLine($"> {answer}");
        }
    }

    private async Task<string> CommandAsync(string command, CancellationToken cancellationToken)
    {
        await _commands.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            while (await _process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith("> ", StringComparison.Ordinal))
                {
                    return line[2..];
                }
            }

            throw new InvalidOperationException($"the simulator exited while answering \"{command}\"");
        }
        finally
        {
            _commands.Release();
        }
    }

    private static string Stats(SimulatorHost host)
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var tables = new Dictionary<string, TableStats>(StringComparer.Ordinal);
        foreach (var cluster in host.Clusters)
        {
            foreach (var kind in cluster.Store.Catalog.Kinds)
            {
                var name = kind.Resource.ApiVersion + "/" + kind.Resource.Kind;
                var page = cluster.Store.Table(kind).List(null, null);
                var bytes = page.Items.Sum(o => (long)o.Json.Length);
                tables[name] = tables.TryGetValue(name, out var t) ? new TableStats(t.Count + page.Items.Count, t.JsonBytes + bytes) : new TableStats(page.Items.Count, bytes);
            }
        }

        var gc = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        using var self = Process.GetCurrentProcess();
        return JsonSerializer.Serialize(new SimulatorStats(heap, self.WorkingSet64, self.PeakWorkingSet64, tables) { GcCommittedBytes = gc.TotalCommittedBytes, GcKind = GCSettings.IsServerGC ? "server" : "workstation" });
    }

    private static string Pods(SimulatorHost host)
    {
        var pods = 0;
        var running = 0;
        foreach (var cluster in host.Clusters)
        {
            var kind = cluster.Store.Catalog.ByKind("v1", "Pod")!;
            var phase = kind.FieldIndex("status.phase");
            foreach (var pod in cluster.Store.Table(kind).List(null, null).Items)
            {
                pods++;
                running += pod.Fields[phase] == "Running" ? 1 : 0;
            }
        }

        return FormattableString.Invariant($"{pods} {running}");
    }

    /// <summary>Changes pods in key order, continuing where the last churn stopped, paced to <paramref name="rate"/> a second.</summary>
    private static string Churn(SimulatedCluster cluster, int rate, int seconds, ref int next)
    {
        var table = cluster.Store.Table(cluster.Store.Catalog.ByKind("v1", "Pod")!);
        var pods = table.List(null, null).Items;
        var total = Math.Min(rate * seconds, pods.Count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (i * Stopwatch.Frequency / rate);
            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.Sleep(1);
            }

            var key = pods[(next++) % pods.Count].Key;
            table.Write(key, current => current is null ? Mutation.None : Mutation.Put(Stamped(current)));
        }

        return FormattableString.Invariant($"{total} {Stopwatch.GetElapsedTime(start).TotalSeconds}");
    }

    private static JsonObject Stamped(StoredObject stored)
    {
        var obj = JsonNode.Parse(stored.Json)!.AsObject();
        var meta = obj["metadata"]!.AsObject();
        if (meta["annotations"] is not JsonObject annotations)
        {
            meta["annotations"] = annotations = [];
        }

        annotations[SentAnnotation] = Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture);
        return obj;
    }
}

/// <summary>What the simulator child reports about itself.</summary>
/// <param name="HeapBytes">Managed heap after a full, compacting collection.</param>
/// <param name="WorkingSet">Resident memory.</param>
/// <param name="PeakWorkingSet">Peak resident memory.</param>
/// <param name="Tables">Objects and JSON bytes per kind, summed over clusters.</param>
internal sealed record SimulatorStats(long HeapBytes, long WorkingSet, long PeakWorkingSet, Dictionary<string, TableStats> Tables)
{
    /// <summary>Memory the GC had committed after that collection (the heap plus free space it kept).</summary>
    public long GcCommittedBytes { get; init; }

    /// <summary>The GC flavour: <c>workstation</c> or <c>server</c>.</summary>
    public string GcKind { get; init; } = "";
}

/// <summary>What one kind's tables hold.</summary>
/// <param name="Count">Objects.</param>
/// <param name="JsonBytes">Their JSON, summed.</param>
internal sealed record TableStats(int Count, long JsonBytes);
