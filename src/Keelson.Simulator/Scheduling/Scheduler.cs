using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Kubelet;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Scheduling;

/// <summary>
/// kube-scheduler's <c>default-scheduler</c> for one cluster: places each pending pod that names
/// it (and has no node yet) on the best node that fits, binds it and records <c>Scheduled</c>;
/// when nothing fits it records <c>FailedScheduling</c>, marks the pod PodScheduled=False
/// (Unschedulable) and parks it until the cluster changes (a node appears or loosens, a pod
/// goes away) or five minutes pass, with a 1 s to 10 s back-off between attempts, as kube's
/// scheduling queue does. One pod is placed at a time against a cache fed by watch events.
/// </summary>
public sealed class Scheduler : Controller
{
    /// <summary>The scheduler name pods ask for (and the default when they name none).</summary>
    public const string SchedulerName = "default-scheduler";

    private static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxUnschedulableDuration = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly SchedulerCache _cache = new();
    private readonly HashSet<ObjectKey> _unschedulable = [];
    private readonly Dictionary<ObjectKey, (int Attempts, DateTimeOffset Until)> _backoff = [];
    private readonly TimerQueue<ObjectKey> _timers;
    private readonly Random _random;
    private long _moves;

    /// <summary>Creates the scheduler of a cluster.</summary>
    public Scheduler(SimulationContext cluster)
        : base(cluster, SchedulerName)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _timers = new TimerQueue<ObjectKey>(cluster.Time);
        // Its own generator: the context's is shared by components on other threads.
        _random = new Random(cluster.Random.Next());
        Watch(cluster.Kinds.Node, OnNode);
        Watch(cluster.Kinds.Pod, OnPod);

        // Like kube-scheduler waiting for its informers to sync: know every node before the first pod is tried.
        foreach (var node in cluster.Store.Table(cluster.Kinds.Node).List(null, null).Items)
        {
            OnNode(new StoreEvent(StoreEventType.Added, node, null));
        }
    }

    /// <inheritdoc />
    protected override Task RunTimersAsync(CancellationToken stop) => _timers.RunAsync(
        key =>
        {
            lock (_lock)
            {
                _unschedulable.Remove(key);
            }

            Queue.Add(key);
        },
        stop);

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var pods = Cluster.Kinds.Pod;
        var stored = Cluster.Store.Table(pods).Get(key);
        if (stored is null || stored.Terminating || !IsPending(stored))
        {
            Forget(key);
            return;
        }

        var pod = TypedObjects.Read<Pod>(stored);
        var involved = new InvolvedObject("Pod", "v1", key.Namespace, key.Name, stored.Uid);
        if (pod.Spec?.SchedulingGates is { Count: > 0 })
        {
            SetScheduledCondition(key, "SchedulingGated", "Scheduling is blocked due to non-empty scheduling gates");
            return;
        }

        var request = PodRequest.From(key, stored.Uid, pod, stored.Labels, Cluster.Store.Strings);
        NodeInfo? node;
        FitError? error;
        int nodeCount;
        long moves;
        lock (_lock)
        {
            moves = _moves;
            node = SchedulingCycle.Run(request, _cache, _random, out error);
            nodeCount = _cache.Nodes.Count;
            if (node is not null)
            {
                // Assume the pod is there, so the next decision counts it before the bind comes back through the watch.
                _cache.AddPod(request.AssignTo(node.Name));
            }
        }

        if (node is not null)
        {
            try
            {
                Cluster.Registry.Bind(pods, key.Namespace, key.Name, node.Name, WriteContext.For(Name));
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                lock (_lock)
                {
                    if (_cache.Pod(key)?.Uid == stored.Uid && _cache.Pod(key)?.Node == node.Name)
                    {
                        _cache.RemovePod(key);
                    }
                }

                return;
            }

            Forget(key);
            Cluster.Events.Record(involved, "Normal", "Scheduled", $"Successfully assigned {key.Namespace}/{key.Name} to {node.Name}", Name);
            return;
        }

        var message = error!.Message(nodeCount);
        Cluster.Events.Record(involved, "Warning", "FailedScheduling", message, Name);
        SetScheduledCondition(key, "Unschedulable", message);
        Park(key, moves);
    }

    private bool IsPending(StoredObject pod)
    {
        var kind = Cluster.Kinds.Pod;
        return string.IsNullOrEmpty(pod.Field(kind, "spec.nodeName")) &&
               pod.Field(kind, "spec.schedulerName") is null or "" or SchedulerName &&
               pod.Field(kind, "status.phase") is not ("Succeeded" or "Failed");
    }

    private void OnNode(StoreEvent e)
    {
        var name = e.Object.Key.Name;
        bool loosened;
        if (e.Type == StoreEventType.Deleted)
        {
            lock (_lock)
            {
                _cache.RemoveNode(name);
            }

            return;
        }

        var node = TypedObjects.Read<Node>(e.Object);
        lock (_lock)
        {
            loosened = _cache.UpsertNode(node, e.Object.Labels);
        }

        if (loosened)
        {
            RetryUnschedulable();
        }
    }

    private void OnPod(StoreEvent e)
    {
        var key = e.Object.Key;
        var kind = Cluster.Kinds.Pod;
        if (e.Type == StoreEventType.Deleted)
        {
            bool freed;
            lock (_lock)
            {
                freed = _cache.Pod(key)?.Uid == e.Object.Uid && _cache.RemovePod(key);
                _unschedulable.Remove(key);
                _backoff.Remove(key);
            }

            if (freed)
            {
                RetryUnschedulable();
            }

            return;
        }

        var nodeName = e.Object.Field(kind, "spec.nodeName");
        if (!string.IsNullOrEmpty(nodeName))
        {
            OnAssignedPod(e.Object, nodeName);
            return;
        }

        if (!IsPending(e.Object) || e.Object.Terminating)
        {
            return;
        }

        if (e.Type == StoreEventType.Added)
        {
            Queue.Add(key);
        }
        else if (SpecOrLabelsChanged(e))
        {
            // Like kube, an updated pod (new tolerations, selector...) is retried at once; status-only writes are not.
            bool parked;
            lock (_lock)
            {
                parked = _unschedulable.Remove(key);
            }

            if (parked)
            {
                Retry(key);
            }
        }
    }

    private void OnAssignedPod(StoredObject stored, string nodeName)
    {
        var key = stored.Key;
        var terminal = stored.Field(Cluster.Kinds.Pod, "status.phase") is "Succeeded" or "Failed";
        bool known;
        lock (_lock)
        {
            _unschedulable.Remove(key);
            var cached = _cache.Pod(key);
            known = cached is not null && cached.Uid == stored.Uid && cached.Node == nodeName;
            if (terminal)
            {
                // A finished pod no longer holds its node's resources.
                if (cached?.Uid == stored.Uid && _cache.RemovePod(key))
                {
                    known = true;
                    _moves++;
                }
                else
                {
                    return;
                }
            }
        }

        if (terminal)
        {
            RetryUnschedulable();
            return;
        }

        if (known)
        {
            return;
        }

        var assigned = PodRequest.From(key, stored.Uid, TypedObjects.Read<Pod>(stored), stored.Labels, Cluster.Store.Strings).AssignTo(nodeName);
        lock (_lock)
        {
            _cache.AddPod(assigned);
        }
    }

    private static bool SpecOrLabelsChanged(StoreEvent e)
    {
        if (e.Previous is null)
        {
            return true;
        }

        var now = ObjectRegistry.Parse(e.Object);
        var before = ObjectRegistry.Parse(e.Previous);
        return !JsonNode.DeepEquals(now["spec"], before["spec"]) ||
               !JsonNode.DeepEquals(now["metadata"]?["labels"], before["metadata"]?["labels"]);
    }

    /// <summary>Moves every parked pod back to be tried (after its back-off), as kube does on a cluster event.</summary>
    private void RetryUnschedulable()
    {
        List<ObjectKey> keys;
        lock (_lock)
        {
            _moves++;
            keys = [.. _unschedulable];
            _unschedulable.Clear();
        }

        foreach (var key in keys)
        {
            Retry(key);
        }
    }

    private void Retry(ObjectKey key)
    {
        DateTimeOffset? until;
        lock (_lock)
        {
            until = _backoff.TryGetValue(key, out var b) ? b.Until : null;
        }

        if (until is { } at && at > Cluster.Time.GetUtcNow())
        {
            _timers.Schedule(key, at);
        }
        else
        {
            Queue.Add(key);
        }
    }

    /// <summary>Parks a pod that fits nowhere; if the cluster changed while it was being tried, it is retried instead.</summary>
    private void Park(ObjectKey key, long movesAtStart)
    {
        var now = Cluster.Time.GetUtcNow();
        bool changed;
        lock (_lock)
        {
            var attempts = _backoff.TryGetValue(key, out var b) ? b.Attempts + 1 : 1;
            var delay = InitialBackoff * Math.Pow(2, Math.Min(attempts - 1, 10));
            _backoff[key] = (attempts, now + (delay > MaxBackoff ? MaxBackoff : delay));
            changed = _moves != movesAtStart;
            if (!changed)
            {
                _unschedulable.Add(key);
            }
        }

        if (changed)
        {
            Retry(key);
        }
        else
        {
            _timers.Schedule(key, now + MaxUnschedulableDuration);
        }
    }

    private void Forget(ObjectKey key)
    {
        lock (_lock)
        {
            _backoff.Remove(key);
            _unschedulable.Remove(key);
        }

        _timers.Cancel(key);
    }

    private void SetScheduledCondition(ObjectKey key, string reason, string message)
    {
        var now = ObjectRegistry.TimeText(Cluster.Time.GetUtcNow());
        Cluster.Registry.Mutate(Cluster.Kinds.Pod, key.Namespace, key.Name, Name, pod =>
        {
            if (pod["spec"]?["nodeName"] is not null)
            {
                return false;
            }

            var status = pod["status"] as JsonObject ?? [];
            pod["status"] = status;
            var conditions = status["conditions"] as JsonArray ?? [];
            status["conditions"] = conditions;
            var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == "PodScheduled");
            if (existing is not null &&
                existing["status"]?.GetValue<string>() == "False" &&
                existing["reason"]?.GetValue<string>() == reason &&
                existing["message"]?.GetValue<string>() == message)
            {
                return false;
            }

            var transition = existing?["status"]?.GetValue<string>() == "False" ? existing["lastTransitionTime"]?.DeepClone() : now;
            var condition = new JsonObject
            {
                ["type"] = "PodScheduled",
                ["status"] = "False",
                ["lastProbeTime"] = null,
                ["lastTransitionTime"] = transition,
                ["reason"] = reason,
                ["message"] = message,
            };
            if (existing is null)
            {
                conditions.Add(condition);
            }
            else
            {
                conditions[conditions.IndexOf(existing)] = condition;
            }

            return true;
        });
    }
}
