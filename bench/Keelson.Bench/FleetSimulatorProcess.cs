using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Scenarios;
using Keelson.Simulator.Store;

namespace Keelson.Bench;

/// <summary>
/// The simulated fleet in a child process, so the fleet view's memory is measured alone: this
/// benchmark run again with <see cref="ChildVariable"/> naming the scenario, serving it over plain
/// HTTP as <c>keelson sim --tls false</c> does, and taking change commands on stdin.
/// </summary>
/// <remarks>
/// Changes are written to the simulated clusters' storage, as etcd commits a write, and reach the
/// view through the simulator's watch over HTTP like any other. They do not go through the
/// simulator's API write path: that costs about 2 ms of CPU per pod write (decoding, defaulting,
/// managed fields), so on a small machine the simulator, not the view, would limit the rate.
/// </remarks>
internal sealed class FleetSimulatorProcess : IAsyncDisposable
{
    /// <summary>Set in the child's environment to the scenario file it serves.</summary>
    public const string ChildVariable = "KEELSON_BENCH_FLEET_SCENARIO";

    private const string Ready = "fleet simulator ready";

    private readonly Process _process;

    private FleetSimulatorProcess(Process process, string kubeconfig)
    {
        _process = process;
        Kubeconfig = kubeconfig;
    }

    /// <summary>The kubeconfig of the fleet: one context per cluster, named after it.</summary>
    public string Kubeconfig { get; }

    /// <summary>The child's resident memory, for the record.</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>Writes <paramref name="scenarioYaml"/>, starts the child and waits until it serves.</summary>
    public static async Task<FleetSimulatorProcess> StartAsync(string workDirectory, string scenarioYaml, CancellationToken cancellationToken)
    {
        var scenario = Path.Combine(workDirectory, "fleet-scenario.yaml");
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
            start.ArgumentList.Add(typeof(FleetSimulatorProcess).Assembly.Location);
        }

        start.ArgumentList.Add("fleet");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        process.BeginErrorReadLine();
        process.StandardInput.AutoFlush = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(Ready, StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None); // never let the child block on a full pipe
                return new FleetSimulatorProcess(process, await File.ReadAllTextAsync(line[(Ready.Length + 1)..], cancellationToken));
            }
        }

        throw new InvalidOperationException($"the fleet simulator exited before serving: {errors}");
    }

    /// <summary>Marks a pod not Ready, as its kubelet would when a readiness probe fails.</summary>
    public Task PodNotReadyAsync(string cluster, string @namespace, string pod) =>
        _process.StandardInput.WriteLineAsync($"pod {cluster} {@namespace} {pod}");

    /// <summary>Marks a node NotReady, as its kubelet would when the container runtime fails.</summary>
    public Task NodeNotReadyAsync(string cluster, string node) =>
        _process.StandardInput.WriteLineAsync($"node {cluster} {node}");

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
    }

    /// <summary>The child: serves the scenario until stdin closes, applying each change command as it arrives.</summary>
    public static async Task ServeAsync(string scenario)
    {
        var kubeconfig = Path.Combine(Path.GetDirectoryName(scenario)!, "fleet-sim.kubeconfig");
        await using var host = await SimulatorHost.StartAsync(ScenarioLoader.Load(scenario), new SimulatorOptions { KubeconfigPath = kubeconfig });
        Console.WriteLine($"{Ready} {kubeconfig}");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ');
            var cluster = host.Cluster(parts[1]);
            var (kind, key) = parts[0] == "pod" ? ("Pod", new ObjectKey(parts[2], parts[3])) : ("Node", new ObjectKey("", parts[2]));
            cluster.Store.Table(cluster.Store.Catalog.ByKind("v1", kind)!).Write(key, current => current is null ? Mutation.None : Mutation.Put(NotReady(current)));
        }
    }

    private static JsonObject NotReady(StoredObject stored)
    {
        var obj = JsonNode.Parse(stored.Json)!.AsObject();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        foreach (var condition in obj["status"]?["conditions"]?.AsArray() ?? [])
        {
            if (condition?["type"]?.GetValue<string>() is "Ready" or "ContainersReady")
            {
                condition["status"] = "False";
                condition["lastTransitionTime"] = now;
            }
        }

        foreach (var container in obj["status"]?["containerStatuses"]?.AsArray() ?? [])
        {
            container!["ready"] = false;
        }

        return obj;
    }
}
