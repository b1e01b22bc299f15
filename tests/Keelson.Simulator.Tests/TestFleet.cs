using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Faults;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Tests;

/// <summary>
/// A simulated fleet started in-process on a free loopback port, running every real component —
/// controllers, scheduler, kubelets, node lifecycle — with short timing knobs; Keelson's client and,
/// when asked for, the real kubectl pointed at its first cluster (<c>c1</c>); and the waits every
/// behaviour test shares: for what a user would see, with a generous deadline, never for a duration.
/// </summary>
internal sealed class TestFleet : IAsyncDisposable
{
    private const string ThreeNodes = """- {name: pool, count: 3, cpu: "4", memory: 16Gi}""";

    private readonly string? _directory;

    private TestFleet(SimulatorHost host, string? directory)
    {
        Host = host;
        _directory = directory;
        Client = new KubernetesClient(host.ClientOptions(ClusterName));
    }

    public SimulatorHost Host { get; }

    public KubernetesClient Client { get; }

    /// <summary>The cluster every helper addresses: the scenario's first.</summary>
    public string ClusterName => Host.Clusters[0].Name;

    /// <summary>What the cluster's components share (its store, registry, fault state).</summary>
    public SimulationContext Context => Host.Runtime(ClusterName).Context;

    /// <summary>Injects and clears the cluster's faults, as the fault API does.</summary>
    public FaultInjector Faults => Host.Runtime(ClusterName).Faults;

    public ResourceClient<Node> Nodes => Client.Resource<Node>();

    /// <summary>
    /// Starts cluster <c>c1</c> with <paramref name="nodePools"/> and <paramref name="workloads"/> (YAML flow items, one
    /// per line), the short timing knobs overridden by <paramref name="timing"/> (<c>knob: value</c>, comma-separated),
    /// and <paramref name="extra"/> top-level YAML (image rules, faults). With <paramref name="kubectl"/> it serves HTTPS
    /// (kubectl sends its token over TLS only) and writes a kubeconfig for <see cref="KubectlAsync"/>; <paramref name="watchHistory"/>
    /// is how many writes per resource a watch can resume from.
    /// </summary>
    public static Task<TestFleet> StartAsync(string nodePools = ThreeNodes, string timing = "", string workloads = "", string extra = "", bool kubectl = false, int watchHistory = 25_000)
    {
        var yaml = $$"""
            seed: 42
            timing: {{{Timing(timing)}}}
            {{extra}}
            clusters:
              - name: c1
                nodePools:
            {{Indent(nodePools, 6)}}
                workloads:
            {{(workloads.Length > 0 ? Indent(workloads, 6) : "      []")}}
            """;
        return StartAsync(ScenarioLoader.Parse(yaml, "test scenario"), kubectl, watchHistory);
    }

    /// <summary>Starts a whole scenario as written; the helpers address its first cluster.</summary>
    public static async Task<TestFleet> StartAsync(Scenario scenario, bool kubectl = false, int watchHistory = 25_000)
    {
        var directory = kubectl ? Directory.CreateTempSubdirectory("keelson-sim-test-").FullName : null;
        var options = new SimulatorOptions { Tls = kubectl, KubeconfigPath = directory is null ? null : Path.Combine(directory, "kubeconfig"), WatchHistory = watchHistory };
        return new TestFleet(await SimulatorHost.StartAsync(scenario, options), directory);
    }

    public ResourceClient<Pod> Pods(string @namespace = "default") => Client.Resource<Pod>(@namespace);

    /// <summary>Runs the real kubectl against the cluster; the fleet must have been started with <c>kubectl: true</c>.</summary>
    public Task<KubectlResult> KubectlAsync(params string[] args) =>
        Kubectl.RunAsync(Host.KubeconfigPath ?? throw new InvalidOperationException("start the fleet with kubectl: true to run kubectl against it"), ClusterName, args);

    /// <summary>The pods of <paramref name="namespace"/> whose labels match <paramref name="selector"/>, by name.</summary>
    public async Task<List<Pod>> ListPodsAsync(string selector, string @namespace = "default") =>
        [.. (await Pods(@namespace).ListAsync(new ListOptions { LabelSelector = selector })).Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)];

    /// <summary>Polls a pod until <paramref name="condition"/> holds; fails naming <paramref name="what"/> and the last state.</summary>
    public async Task<Pod> WaitForPodAsync(string name, Func<Pod, bool> condition, string what, string @namespace = "default") =>
        (await Eventually.Until(() => Pods(@namespace).GetOrNullAsync(name), p => p is not null && condition(p), $"pod {name}: {what}"))!;

    /// <summary>The events about an object, oldest first.</summary>
    public async Task<List<Event>> EventsAsync(string name, string @namespace = "default")
    {
        var events = await Client.Resource<Event>(@namespace).ListAsync(new ListOptions { FieldSelector = $"involvedObject.name={name}" });
        return [.. events.Items.OrderBy(e => e.FirstTimestamp).ThenBy(e => e.Metadata.Name, StringComparer.Ordinal)];
    }

    /// <summary>Waits for an event with <paramref name="reason"/> about <paramref name="name"/> (passing <paramref name="condition"/>) and returns it.</summary>
    public async Task<Event> WaitForEventAsync(string name, string reason, Func<Event, bool>? condition = null, string @namespace = "default")
    {
        bool Matches(Event e) => e.Reason == reason && (condition?.Invoke(e) ?? true);
        var events = await Eventually.Until(() => EventsAsync(name, @namespace), list => list.Any(Matches), $"a {reason} event about {name}");
        return events.Last(Matches);
    }

    /// <summary>Whether the pod's Ready condition is True.</summary>
    public static bool IsReady(Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>
    /// Knobs short enough that tests finish in seconds, overridden by the test's own. Nodes get a long grace
    /// period, so a starved heartbeat on a busy machine never makes them look down; node tests shorten it.
    /// </summary>
    private static string Timing(string overrides)
    {
        var knobs = new Dictionary<string, string>
        {
            ["containerStart"] = "50ms",
            ["imagePull"] = "20ms",
            ["crashAfter"] = "100ms",
            ["crashLoopBackOff"] = "200ms",
            ["crashLoopBackOffMax"] = "400ms",
            ["nodeHeartbeat"] = "200ms",
            ["nodeMonitorGracePeriod"] = "20s",
            ["nodeMonitorPeriod"] = "100ms",
            ["termination"] = "50ms",
            ["jobRunTime"] = "100ms",
            ["jobPodFailureBackOff"] = "50ms",
            ["logInterval"] = "100ms",
            ["metricsInterval"] = "500ms",
            ["podGcQuarantine"] = "1s",
        };
        foreach (var pair in overrides.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            knobs[pair[..colon].Trim()] = pair[(colon + 1)..].Trim();
        }

        return string.Join(", ", knobs.Select(k => $"{k.Key}: {k.Value}"));
    }

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Trim('\n').Split('\n').Select(line => new string(' ', spaces) + line.TrimStart()));
}
