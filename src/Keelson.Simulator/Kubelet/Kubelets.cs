using System.Collections.Concurrent;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Metrics;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Kubelet;

/// <summary>
/// The kubelets of every node of one cluster, as one component: pods bound to a node go
/// through pull, create, start, readiness, exits and restarts as the node's kubelet would run
/// them (image behaviours from the scenario and faults decide crashes, pull failures, slow
/// starts and OOM kills), with the status and events a real kubelet reports; deleted pods are
/// stopped within their grace period and then removed. All timing runs on one
/// <see cref="TimerQueue{T}"/>; a node cut off by a fault does nothing until it comes back.
/// Node leases and node status are beaten by <see cref="NodeHeartbeats"/> on a loop of their own.
/// </summary>
public sealed class Kubelets : Controller
{
    private readonly ConcurrentDictionary<string, KubeletNode> _nodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ObjectKey, PodRuntime> _pods = new();
    private readonly ConcurrentDictionary<ObjectKey, string> _awaitingNode = new();
    private readonly TimerQueue<ObjectKey> _timers;
    private readonly NodeHeartbeats _heartbeats;

    /// <summary>Creates the kubelets of a cluster.</summary>
    public Kubelets(SimulationContext cluster)
        : base(cluster, "kubelet")
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _timers = new TimerQueue<ObjectKey>(cluster.Time);
        _heartbeats = new NodeHeartbeats(cluster, this);
        Usage = new UsageModel(cluster.Seed);
        Watch(cluster.Kinds.Node, OnNode);
        Watch(cluster.Kinds.Pod, OnPod);
        foreach (var node in cluster.Store.Table(cluster.Kinds.Node).List(null, null).Items)
        {
            OnNode(new StoreEvent(StoreEventType.Added, node, null));
        }
    }

    /// <summary>How often a container writes a periodic log line.</summary>
    internal TimeSpan LogInterval => Cluster.Timing.LogInterval;

    /// <summary>How running containers use CPU and memory (shared with the metrics API).</summary>
    internal UsageModel Usage { get; }

    /// <summary>A pod the kubelets run, for the metrics endpoint.</summary>
    internal PodRuntime? Pod(ObjectKey key) => _pods.GetValueOrDefault(key);

    /// <summary>A node's kubelet, if the node exists.</summary>
    internal KubeletNode? Node(string name) => _nodes.GetValueOrDefault(name);

    /// <summary>
    /// The run whose log a reader gets, as the kubelet chooses it: the running or exited container,
    /// or while it waits to restart, its last run; with <paramref name="previous"/>, the run before.
    /// </summary>
    /// <exception cref="ApiException">400 with the kubelet's message when there is no such run; 500 when the node is cut off.</exception>
    internal (ContainerLogs Logs, LogInstance Run) Log(StoredObject pod, string container, bool previous)
    {
        var key = pod.Key;
        var runtime = _pods.GetValueOrDefault(key);
        if (runtime is not null && _nodes.GetValueOrDefault(runtime.Node) is { } node && Cluster.Faults.IsNodeCutOff(node.Name, node.Zone))
        {
            // The API server reaches container logs through the node's kubelet, which it cannot reach.
            throw new ApiException(500, "InternalError",
                $"Get \"https://{node.InternalIp}:10250/containerLogs/{key.Namespace}/{key.Name}/{container}\": dial tcp {node.InternalIp}:10250: i/o timeout");
        }

        var found = runtime?.Uid == pod.Uid ? runtime.All.FirstOrDefault(c => c.Name == container) : null;
        var waiting = found?.Step is not (ContainerStep.Running or ContainerStep.Exited);
        var restarted = found?.LastTerminated is not null;
        if (previous)
        {
            // While a container waits to restart, its last run is both its current and its previous log, as in kube.
            var before = !restarted ? null : waiting ? found!.Logs.Current : found!.Logs.Previous;
            return before is null
                ? throw ApiException.BadRequest($"previous terminated container \"{container}\" in pod \"{key.Name}\" not found")
                : (found!.Logs, before);
        }

        var run = waiting && !restarted ? null : found?.Logs.Current;
        return run is null
            ? throw ApiException.BadRequest($"container \"{container}\" in pod \"{key.Name}\" is waiting to start: {WaitingFor(found)}")
            : (found!.Logs, run);
    }

    private static string WaitingFor(ContainerRuntime? container) => container?.WaitingReason switch
    {
        "ErrImagePull" or "ImagePullBackOff" => "trying and failing to pull image",
        { } reason => reason,
        null => "ContainerCreating",
    };

    /// <summary>A node's kubelet reached the API server again: its pods report their status anew.</summary>
    internal void Reconnected(KubeletNode node)
    {
        foreach (var key in node.Pods())
        {
            if (_pods.TryGetValue(key, out var pod))
            {
                pod.WrittenVersion = -1;
            }

            Queue.Add(key);
        }
    }

    /// <inheritdoc />
    protected override Task RunTimersAsync(CancellationToken stop) =>
        Task.WhenAll(_timers.RunAsync(Queue.Add, stop), _heartbeats.RunAsync(stop));

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var podKind = Cluster.Kinds.Pod;
        var stored = Cluster.Store.Table(podKind).Get(key);
        var nodeName = stored?.Field(podKind, "spec.nodeName");
        if (stored is null || string.IsNullOrEmpty(nodeName))
        {
            return;
        }

        if (!_nodes.TryGetValue(nodeName, out var node))
        {
            // Bound to a node whose kubelet is not known (yet): it starts when the node appears.
            _awaitingNode[key] = nodeName;
            return;
        }

        var now = Cluster.Time.GetUtcNow();
        if (Cluster.Faults.IsNodeCutOff(node.Name, node.Zone))
        {
            // The kubelet cannot reach the API server: it learns nothing and reports nothing until it can.
            _timers.Schedule(key, now + Cluster.Timing.NodeHeartbeat);
            return;
        }

        if (!_pods.TryGetValue(key, out var pod) || pod.Uid != stored.Uid)
        {
            if (stored.Field(podKind, "status.phase") is "Succeeded" or "Failed")
            {
                return; // finished before this kubelet knew it
            }

            var typed = TypedObjects.Read<Pod>(stored);
            pod = new PodRuntime(key, stored.Uid, typed, stored.Labels, nodeName, Cluster.Store.Strings);
            _pods[key] = pod;
            node.AddPod(key);
            var begin = new PodSync(Cluster, Usage, pod, node);
            if (!begin.TryAdopt(typed.Status))
            {
                begin.Begin(now);
                Record(pod, node, begin.Events);
            }
        }

        var sync = new PodSync(Cluster, Usage, pod, node);
        if (stored.Terminating && pod.StoppingSince is null)
        {
            var grace = ObjectRegistry.Parse(stored)["metadata"]?["deletionGracePeriodSeconds"]?.GetValue<long>() ?? 0;
            sync.Stop(now, grace);
        }

        var next = sync.Advance(now);
        Record(pod, node, sync.Events);
        if (pod.Version != pod.WrittenVersion)
        {
            WriteStatus(pod, node, now);
        }

        if (pod.Stopped && stored.Terminating)
        {
            Remove(pod);
        }
        else if (next is { } due)
        {
            _timers.Schedule(key, due);
        }
    }

    private void OnNode(StoreEvent e)
    {
        var name = e.Object.Key.Name;
        if (e.Type == StoreEventType.Deleted)
        {
            _nodes.TryRemove(name, out _);
            _heartbeats.Untrack(name);
            return;
        }

        var node = _nodes.GetOrAdd(name, n => new KubeletNode(n));
        var wasReady = node.Ready;
        node.Update(TypedObjects.Read<Node>(e.Object), e.Object.Uid, Cluster.Store.Strings);
        if (wasReady is not null && wasReady != "True" && node.Ready == "True")
        {
            // While the node looked down, the node controller marked its pods not ready: report them again.
            Reconnected(node);
        }

        _heartbeats.Track(node);
        foreach (var (pod, waitsFor) in _awaitingNode)
        {
            if (waitsFor == name && _awaitingNode.TryRemove(pod, out _))
            {
                Queue.Add(pod);
            }
        }
    }

    private void OnPod(StoreEvent e)
    {
        var key = e.Object.Key;
        if (e.Type == StoreEventType.Deleted)
        {
            if (_pods.TryGetValue(key, out var gone) && gone.Uid == e.Object.Uid && _pods.TryRemove(key, out _))
            {
                _timers.Cancel(key);
                if (_nodes.TryGetValue(gone.Node, out var node))
                {
                    node.RemovePod(key);
                    if (!gone.HostNetwork)
                    {
                        node.ReleaseIp(gone.PodIp);
                    }
                }
            }

            return;
        }

        if (string.IsNullOrEmpty(e.Object.Field(Cluster.Kinds.Pod, "spec.nodeName")))
        {
            return;
        }

        // Our own status writes come back as events too: only news (a new pod, a deletion) needs a sync.
        if (!_pods.TryGetValue(key, out var pod) || pod.Uid != e.Object.Uid || (e.Object.Terminating && pod.StoppingSince is null))
        {
            Queue.Add(key);
        }
    }

    private void WriteStatus(PodRuntime pod, KubeletNode node, DateTimeOffset now)
    {
        var written = pod.Version;
        Cluster.Registry.Mutate(Cluster.Kinds.Pod, pod.Key.Namespace, pod.Key.Name, Name, json =>
        {
            if (json["metadata"]?["uid"]?.GetValue<string>() != pod.Uid)
            {
                return false;
            }

            var status = json["status"] as System.Text.Json.Nodes.JsonObject ?? [];
            json["status"] = status;
            PodStatusBuilder.Write(pod, status, node.InternalIp, now);
            return true;
        });
        pod.WrittenVersion = written;
    }

    /// <summary>The containers stopped: the kubelet confirms the deletion with a zero grace period.</summary>
    private void Remove(PodRuntime pod)
    {
        try
        {
            Cluster.Registry.Delete(Cluster.Kinds.Pod, pod.Key.Namespace, pod.Key.Name, new Registry.DeleteOptions { GracePeriodSeconds = 0, PreconditionUid = pod.Uid });
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Gone already, or another pod of the same name.
        }
    }

    private void Record(PodRuntime pod, KubeletNode node, List<KubeletEvent> events)
    {
        foreach (var e in events)
        {
            Cluster.Events.Record(new InvolvedObject("Pod", "v1", pod.Key.Namespace, pod.Key.Name, pod.Uid, e.FieldPath), e.Type, e.Reason, e.Message, Name, node.Name);
        }
    }
}
