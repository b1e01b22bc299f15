using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Kubelet;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Scheduling;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Nodes;

/// <summary>
/// kube-controller-manager's taint eviction controller: a pod on a node with a NoExecute taint
/// it does not tolerate is deleted at once; one that tolerates it for N seconds (as every pod
/// tolerates not-ready and unreachable for <c>timing.defaultTolerationSeconds</c>) is deleted N
/// seconds later unless the taint goes first. Deletions are graceful, announced with a
/// <c>TaintManagerEviction</c> event and a DisruptionTarget condition, as kube does.
/// </summary>
public sealed class TaintEvictionController : Controller
{
    private const string Component = "taint-eviction-controller";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Taint>> _taints = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, (DateTimeOffset Start, DateTimeOffset Fire)> _scheduled = [];
    private readonly TimerQueue<ObjectKey> _timers;

    /// <summary>Creates the controller of a cluster.</summary>
    public TaintEvictionController(SimulationContext cluster)
        : base(cluster, Component)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _timers = new TimerQueue<ObjectKey>(cluster.Time);
        Watch(cluster.Kinds.Node, OnNode);
        Watch(cluster.Kinds.Pod, OnPod);
    }

    /// <inheritdoc />
    protected override Task RunTimersAsync(CancellationToken stop) => _timers.RunAsync(Queue.Add, stop);

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var stored = Cluster.Store.Table(Cluster.Kinds.Pod).Get(key);
        if (stored is null || stored.Terminating)
        {
            Forget(key, announce: false);
            return;
        }

        var node = stored.Field(Cluster.Kinds.Pod, "spec.nodeName") ?? "";
        List<Taint> taints;
        lock (_lock)
        {
            taints = _taints.TryGetValue(node, out var t) ? t : [];
        }

        if (taints.Count == 0)
        {
            Forget(key, announce: true);
            return;
        }

        var tolerations = TypedObjects.Read<Pod>(stored).Spec?.Tolerations ?? [];
        var used = new List<Toleration>();
        foreach (var taint in taints)
        {
            var matching = tolerations.Where(t => Tolerations.Tolerates(t, taint)).ToList();
            if (matching.Count == 0)
            {
                Evict(key, stored);
                return;
            }

            used.AddRange(matching);
        }

        if (MinTolerationTime(used) is not { } tolerated)
        {
            Forget(key, announce: true);
            return;
        }

        var now = Cluster.Time.GetUtcNow();
        DateTimeOffset fire;
        lock (_lock)
        {
            var start = _scheduled.TryGetValue(key, out var existing) ? existing.Start : now;
            fire = start + tolerated;
            _scheduled[key] = (start, fire);
        }

        if (fire <= now)
        {
            Evict(key, stored);
            return;
        }

        _timers.Cancel(key);
        _timers.Schedule(key, fire);
    }

    private void OnNode(StoreEvent e)
    {
        var name = e.Object.Key.Name;
        var noExecute = e.Type == StoreEventType.Deleted
            ? []
            : (TypedObjects.Read<Node>(e.Object).Spec?.Taints ?? []).Where(t => t.Effect == "NoExecute").ToList();
        lock (_lock)
        {
            var before = _taints.GetValueOrDefault(name) ?? [];
            if (before.Count == noExecute.Count && before.Zip(noExecute).All(p => p.First.Key == p.Second.Key && p.First.Value == p.Second.Value))
            {
                return;
            }

            if (noExecute.Count == 0)
            {
                _taints.Remove(name);
            }
            else
            {
                _taints[name] = noExecute;
            }
        }

        foreach (var pod in Cluster.PodsByNode.On(name))
        {
            Queue.Add(pod);
        }
    }

    private void OnPod(StoreEvent e)
    {
        if (e.Type == StoreEventType.Deleted)
        {
            Forget(e.Object.Key, announce: false);
            return;
        }

        var before = PodsByNode.NodeOf(Cluster.Kinds.Pod, e.Previous);
        var node = PodsByNode.NodeOf(Cluster.Kinds.Pod, e.Object);

        bool tainted;
        lock (_lock)
        {
            tainted = node is not null && _taints.ContainsKey(node);
        }

        if (tainted && before != node)
        {
            Queue.Add(e.Object.Key);
        }
    }

    private void Evict(ObjectKey key, StoredObject stored)
    {
        lock (_lock)
        {
            _scheduled.Remove(key);
        }

        _timers.Cancel(key);
        Cluster.Events.Record(new InvolvedObject("Pod", "v1", key.Namespace, key.Name, stored.Uid), "Normal", "TaintManagerEviction", $"Marking for deletion Pod {key}", Component);
        var now = ObjectRegistry.TimeText(Cluster.Time.GetUtcNow());
        Cluster.Registry.Mutate(Cluster.Kinds.Pod, key.Namespace, key.Name, Component, pod =>
        {
            var status = pod["status"] as JsonObject ?? [];
            pod["status"] = status;
            var conditions = status["conditions"] as JsonArray ?? [];
            status["conditions"] = conditions;
            if (conditions.OfType<JsonObject>().Any(c => c["type"]?.GetValue<string>() == "DisruptionTarget"))
            {
                return false;
            }

            conditions.Add(new JsonObject
            {
                ["type"] = "DisruptionTarget",
                ["status"] = "True",
                ["lastProbeTime"] = null,
                ["lastTransitionTime"] = now,
                ["reason"] = "DeletionByTaintManager",
                ["message"] = "Taint manager: deleting due to NoExecute taint",
            });
            return true;
        });
        try
        {
            Cluster.Registry.Delete(Cluster.Kinds.Pod, key.Namespace, key.Name, new Registry.DeleteOptions { PreconditionUid = stored.Uid });
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Gone already, or replaced by another pod of the same name.
        }
    }

    private void Forget(ObjectKey key, bool announce)
    {
        bool had;
        lock (_lock)
        {
            had = _scheduled.Remove(key);
        }

        _timers.Cancel(key);
        if (had && announce && Cluster.Store.Table(Cluster.Kinds.Pod).Get(key) is { } pod)
        {
            Cluster.Events.Record(new InvolvedObject("Pod", "v1", key.Namespace, key.Name, pod.Uid), "Normal", "TaintManagerEviction", $"Cancelling deletion of Pod {key}", Component);
        }
    }

    /// <summary>The shortest tolerationSeconds among the tolerations used (0 or less: at once); null when none limits the time.</summary>
    private static TimeSpan? MinTolerationTime(List<Toleration> used)
    {
        TimeSpan? min = null;
        foreach (var toleration in used)
        {
            if (toleration.TolerationSeconds is { } seconds)
            {
                var time = TimeSpan.FromSeconds(Math.Max(0, seconds));
                if (min is null || time < min)
                {
                    min = time;
                }
            }
        }

        return min;
    }
}
