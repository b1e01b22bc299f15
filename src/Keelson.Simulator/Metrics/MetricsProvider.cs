using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Kubelet;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Metrics;

/// <summary>
/// metrics.k8s.io/v1beta1 as metrics-server serves it, computed on request: a pod's usage is its
/// running containers' usage (<see cref="UsageModel"/>) at the last scrape (<c>timing.metricsInterval</c>), a node's
/// is its pods' plus what the node's own system (kubelet, runtime, OS) takes. CPU in nanocores,
/// memory in Ki, as metrics-server writes them; pods with nothing running are left out.
/// </summary>
internal sealed class MetricsProvider
{
    private const string ApiVersion = "metrics.k8s.io/v1beta1";

    private readonly SimulationContext _cluster;
    private readonly Kubelets _kubelets;
    private readonly DateTimeOffset _at;

    public MetricsProvider(SimulationContext cluster, Kubelets kubelets)
    {
        _cluster = cluster;
        _kubelets = kubelets;
        var now = cluster.Time.GetUtcNow();
        var scrape = Math.Max(1, cluster.Timing.MetricsInterval.Ticks);
        _at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % scrape), TimeSpan.Zero);
    }

    /// <summary>One NodeMetrics or PodMetrics object.</summary>
    /// <exception cref="ApiException">404 as metrics-server words it.</exception>
    public byte[] Get(ResourceKind kind, string? @namespace, string name)
    {
        JsonObject? item = null;
        if (kind.Resource.Kind == "NodeMetrics")
        {
            item = Cluster(_cluster.Kinds.Node).Get(new ObjectKey("", name)) is { } node ? NodeMetrics(node) : null;
        }
        else if (Cluster(_cluster.Kinds.Pod).Get(new ObjectKey(@namespace ?? "", name)) is { } pod)
        {
            item = PodMetrics(pod);
        }

        return item is null
            ? throw new ApiException(404, "NotFound", kind.Resource.Kind == "NodeMetrics"
                ? $"nodemetrics.metrics.k8s.io \"{name}\" not found"
                : $"podmetrics.metrics.k8s.io \"{@namespace}/{name}\" not found")
            : JsonPaths.Serialize(item);
    }

    /// <summary>A NodeMetricsList or PodMetricsList of the objects passing <paramref name="filter"/>.</summary>
    public byte[] List(ResourceKind kind, string? @namespace, Func<StoredObject, bool>? filter)
    {
        var nodes = kind.Resource.Kind == "NodeMetrics";
        var source = nodes ? Cluster(_cluster.Kinds.Node).List(null, filter) : Cluster(_cluster.Kinds.Pod).List(@namespace, filter);
        var items = new JsonArray();
        foreach (var stored in source.Items)
        {
            if ((nodes ? NodeMetrics(stored) : PodMetrics(stored)) is { } item)
            {
                items.Add(item);
            }
        }

        return JsonPaths.Serialize(new JsonObject
        {
            ["kind"] = kind.ListKind,
            ["apiVersion"] = ApiVersion,
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        });
    }

    private ResourceTable Cluster(ResourceKind kind) => _cluster.Store.Table(kind);

    private JsonObject? PodMetrics(StoredObject stored)
    {
        if (_kubelets.Pod(stored.Key) is not { } pod || pod.Uid != stored.Uid ||
            _kubelets.Node(pod.Node) is not { } node || _cluster.Faults.IsNodeCutOff(node.Name, node.Zone))
        {
            return null;
        }

        var containers = new JsonArray();
        foreach (var (name, nanoCpu, memoryKi) in Usage(pod))
        {
            containers.Add(new JsonObject
            {
                ["name"] = name,
                ["usage"] = new JsonObject { ["cpu"] = Nano(nanoCpu), ["memory"] = Ki(memoryKi) },
            });
        }

        if (containers.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["kind"] = "PodMetrics",
            ["apiVersion"] = ApiVersion,
            ["metadata"] = Metadata(stored, stored.Key.Namespace),
            ["timestamp"] = ObjectRegistry.TimeText(_at),
            ["window"] = "30s",
            ["containers"] = containers,
        };
    }

    private JsonObject? NodeMetrics(StoredObject stored)
    {
        var name = stored.Key.Name;
        if (_kubelets.Node(name) is not { } node || _cluster.Faults.IsNodeCutOff(name, node.Zone))
        {
            return null; // metrics-server cannot scrape a kubelet it cannot reach
        }

        var (cpu, memory) = SystemUsage(name);
        foreach (var key in node.Pods())
        {
            if (_kubelets.Pod(key) is { } pod)
            {
                foreach (var (_, nanoCpu, memoryKi) in Usage(pod))
                {
                    cpu += nanoCpu;
                    memory += memoryKi;
                }
            }
        }

        return new JsonObject
        {
            ["kind"] = "NodeMetrics",
            ["apiVersion"] = ApiVersion,
            ["metadata"] = Metadata(stored, null),
            ["timestamp"] = ObjectRegistry.TimeText(_at),
            ["window"] = "10.0s",
            ["usage"] = new JsonObject { ["cpu"] = Nano(cpu), ["memory"] = Ki(memory) },
        };
    }

    /// <summary>Each container running at the scrape: its CPU in nanocores and memory in Ki.</summary>
    private IEnumerable<(string Name, long NanoCpu, long MemoryKi)> Usage(PodRuntime pod)
    {
        var profile = _cluster.UsageFor(pod.Key.Namespace, pod.Labels);
        var share = pod.Containers.Length + pod.InitContainers.Count(c => c.Sidecar);
        foreach (var container in pod.All)
        {
            var run = container.Logs.Current;
            if (run is null || run.StartedAt > _at || (run.FinishedAt is { } finished && finished <= _at))
            {
                continue;
            }

            var nanoCpu = _kubelets.Usage.NanoCpu(profile, pod.Uid, container.Name, share, _at);
            var memory = _kubelets.Usage.MemoryBytes(profile, pod.Uid, container.Name, share, _at - run.StartedAt);
            yield return (container.Name, nanoCpu, memory / 1024);
        }
    }

    /// <summary>What the node's own processes use, fixed per node: 40-80m CPU and 600-900Mi memory.</summary>
    private (long NanoCpu, long MemoryKi) SystemUsage(string node) =>
        ((40 + (long)(StableHash.Unit(_cluster.Seed, node + "#system-cpu") * 40)) * 1_000_000,
         (600 + (long)(StableHash.Unit(_cluster.Seed, node + "#system-memory") * 300)) * 1024);

    private JsonObject Metadata(StoredObject stored, string? @namespace)
    {
        var metadata = new JsonObject { ["name"] = stored.Key.Name };
        if (@namespace is not null)
        {
            metadata["namespace"] = @namespace;
        }

        metadata["creationTimestamp"] = ObjectRegistry.TimeText(_cluster.Time.GetUtcNow());
        if (stored.Labels is { Count: > 0 } labels)
        {
            var copy = new JsonObject();
            foreach (var (key, value) in labels)
            {
                copy[key] = value;
            }

            metadata["labels"] = copy;
        }

        return metadata;
    }

    private static string Nano(long value) => value.ToString(CultureInfo.InvariantCulture) + "n";

    private static string Ki(long value) => value.ToString(CultureInfo.InvariantCulture) + "Ki";
}
