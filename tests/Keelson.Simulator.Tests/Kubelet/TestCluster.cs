using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Scenarios;

namespace Keelson.Simulator.Tests.Kubelet;

/// <summary>
/// A one-cluster simulated fleet (cluster <c>c1</c>) served over real HTTP, with Keelson's client
/// pointed at it, and the polling the scheduler, kubelet and node tests share: wait for what a
/// user would see, with a generous deadline, never for a duration.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private TestCluster(SimulatorHost host)
    {
        Host = host;
        Client = new KubernetesClient(host.ClientOptions("c1"));
    }

    public SimulatorHost Host { get; }

    public KubernetesClient Client { get; }

    public SimulationContext Context => Host.Runtime("c1").Context;

    public ResourceClient<Pod> Pods => Client.Resource<Pod>("default");

    public ResourceClient<Node> Nodes => Client.Resource<Node>();

    /// <summary>Starts cluster <c>c1</c> with node pools and workloads (YAML flow items, one per line), timing knobs (flow mapping entries) and extra top-level YAML.</summary>
    public static async Task<TestCluster> StartAsync(string nodePools, string timing = "", string extra = "", string workloads = "")
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
        var host = await SimulatorHost.StartAsync(ScenarioLoader.Parse(yaml, "test"), new SimulatorOptions());
        return new TestCluster(host);
    }

    public static Pod NewPod(string name, string image = "nginx:1.25", string? cpu = "100m", string? memory = "64Mi", Action<Pod>? configure = null)
    {
        var requests = new Dictionary<string, Quantity>();
        if (cpu is not null)
        {
            requests["cpu"] = Quantity.Parse(cpu);
        }

        if (memory is not null)
        {
            requests["memory"] = Quantity.Parse(memory);
        }

        var pod = new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new Dictionary<string, string> { ["app"] = name } },
            Spec = new PodSpec
            {
                Containers = [new Container { Name = "main", Image = image, Resources = new ResourceRequirements { Requests = requests } }],
                SchedulerName = "default-scheduler",
                RestartPolicy = "Always",
                TerminationGracePeriodSeconds = 30,
            },
        };
        configure?.Invoke(pod);
        return pod;
    }

    public Task<Pod> CreatePodAsync(Pod pod) => Pods.CreateAsync(pod);

    /// <summary>Polls the pod until <paramref name="condition"/> holds; fails naming <paramref name="what"/> and the last state.</summary>
    public async Task<Pod> WaitForPodAsync(string name, Func<Pod, bool> condition, string what)
    {
        Pod? last = null;
        var deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline)
        {
            last = await Pods.GetOrNullAsync(name);
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"pod {name} never got {what}; last seen: {(last is null ? "gone" : KubernetesJson.Serialize(last.Status))}");
    }

    /// <summary>Polls until <paramref name="probe"/> returns a value passing <paramref name="condition"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what)
    {
        T last = default!;
        var deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline)
        {
            last = await probe();
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"never saw {what}; last value: {KubernetesJson.Serialize(last)}");
    }

    /// <summary>The events about an object, oldest first.</summary>
    public async Task<List<Event>> EventsAsync(string name, string ns = "default")
    {
        var events = await Client.Resource<Event>(ns).ListAsync(new ListOptions { FieldSelector = $"involvedObject.name={name}" });
        return [.. events.Items.OrderBy(e => e.FirstTimestamp).ThenBy(e => e.Metadata.Name, StringComparer.Ordinal)];
    }

    /// <summary>Waits for an event with <paramref name="reason"/> about <paramref name="name"/> and returns it.</summary>
    public async Task<Event> WaitForEventAsync(string name, string reason, Func<Event, bool>? condition = null, string ns = "default")
    {
        var events = await EventuallyAsync(
            () => EventsAsync(name, ns),
            list => list.Any(e => e.Reason == reason && (condition?.Invoke(e) ?? true)),
            $"a {reason} event about {name}");
        return events.Last(e => e.Reason == reason && (condition?.Invoke(e) ?? true));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Short knobs so tests finish in seconds, with the test's own overriding them.</summary>
    private static string Timing(string overrides)
    {
        var knobs = new Dictionary<string, string>
        {
            ["containerStart"] = "50ms",
            ["imagePull"] = "20ms",
            ["crashAfter"] = "100ms",
            ["crashLoopBackOff"] = "200ms",
            ["crashLoopBackOffMax"] = "400ms",
            ["nodeHeartbeat"] = "100ms",
            ["nodeMonitorGracePeriod"] = "1s",
            ["nodeMonitorPeriod"] = "100ms",
            ["termination"] = "50ms",
            ["jobRunTime"] = "100ms",
            ["logInterval"] = "100ms",
            ["metricsInterval"] = "500ms",
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
