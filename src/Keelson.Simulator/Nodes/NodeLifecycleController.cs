using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Nodes;

/// <summary>
/// kube-controller-manager's node lifecycle controller. Every <c>timing.nodeMonitorPeriod</c> it
/// checks each node's last sign of life (lease renewal or status heartbeat): after
/// <c>timing.nodeMonitorGracePeriod</c> without one, the kubelet's conditions become Unknown
/// (NodeStatusUnknown, "Kubelet stopped posting node status.") and the node's pods Ready=False.
/// It keeps the node's taints in line with its conditions: not-ready / unreachable
/// (NoSchedule at once, NoExecute at the zone's eviction rate), pressure conditions and cordons
/// as NoSchedule, all removed on recovery. Like kube it stops tainting a zone in partial
/// disruption (small zones) and every node when all zones are down — a fleet-wide outage is not
/// a reason to evict everything.
/// </summary>
public sealed class NodeLifecycleController : Controller
{
    private const string Component = "node-controller";
    private const double UnhealthyZoneThreshold = 0.55;
    private const int LargeClusterThreshold = 50;

    private static readonly string[] KubeletConditions = ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, NodeHealth> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> _buckets = new(StringComparer.Ordinal);
    private bool _allDisrupted;

    /// <summary>Creates the controller of a cluster.</summary>
    public NodeLifecycleController(SimulationContext cluster)
        : base(cluster, "node-lifecycle-controller")
    {
        ArgumentNullException.ThrowIfNull(cluster);
        Watch(cluster.Kinds.Node, OnNode);
        Watch(cluster.Kinds.Lease, OnLease);
    }

    /// <inheritdoc />
    protected override async Task RunTimersAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Cluster.Timing.NodeMonitorPeriod, Cluster.Time);
        while (await timer.WaitForNextTickAsync(stop))
        {
            Monitor(Cluster.Time.GetUtcNow());
        }
    }

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        NodeHealth? health;
        lock (_lock)
        {
            health = _nodes.GetValueOrDefault(key.Name);
        }

        if (health is null || Cluster.Store.Table(Cluster.Kinds.Node).Get(key) is null)
        {
            return;
        }

        var now = Cluster.Time.GetUtcNow();
        bool stale;
        lock (_lock)
        {
            stale = now - health.ProbedAt > Cluster.Timing.NodeMonitorGracePeriod && health.Ready != "Unknown";
            health.Stale = false;
        }

        if (stale)
        {
            MarkUnknown(health, now);
        }

        string? ready;
        bool wentDown;
        lock (_lock)
        {
            ready = health.Ready;
            wentDown = health.ObservedReady == "True" && ready != "True";
            health.ObservedReady = ready;
        }

        if (wentDown)
        {
            Cluster.Events.Record(new InvolvedObject("Node", "v1", "", health.Name, health.Uid), "Normal", "NodeNotReady", $"Node {health.Name} status is now: NodeNotReady", Component);
            MarkPodsNotReady(health.Name);
        }

        UpdateTaints(health, now);
    }

    private void OnNode(StoreEvent e)
    {
        var name = e.Object.Key.Name;
        var now = Cluster.Time.GetUtcNow();
        if (e.Type == StoreEventType.Deleted)
        {
            lock (_lock)
            {
                _nodes.Remove(name);
            }

            return;
        }

        var node = TypedObjects.Read<Node>(e.Object);
        var conditions = node.Status?.Conditions ?? [];
        var ready = conditions.FirstOrDefault(c => c.Type == "Ready");
        var strings = Cluster.Store.Strings;
        lock (_lock)
        {
            if (!_nodes.TryGetValue(name, out var health))
            {
                // A node first seen gets the full grace period from now, as kube's controller gives it at start.
                health = _nodes[name] = new NodeHealth(name, now) { ObservedReady = strings.Intern(ready?.Status) };
            }

            // The store's and the pool's instances: 10,000 nodes each holding copies of "False" and "z1" add up.
            health.Uid = e.Object.Uid;
            health.Zone = strings.Intern(node.Metadata.Labels?.GetValueOrDefault("topology.kubernetes.io/zone")) ?? "";
            health.Unschedulable = node.Spec?.Unschedulable == true;
            health.Ready = strings.Intern(ready?.Status);
            var heartbeat = ready?.LastHeartbeatTime?.ToString("O");
            if (heartbeat != health.Heartbeat)
            {
                health.Heartbeat = heartbeat;
                health.ProbedAt = now;
            }

            health.Conditions.Clear();
            foreach (var condition in conditions)
            {
                health.Conditions[strings.Intern(condition.Type) ?? ""] = strings.Intern(condition.Status) ?? "";
            }
        }

        Queue.Add(e.Object.Key);
    }

    private void OnLease(StoreEvent e)
    {
        if (e.Object.Key.Namespace != "kube-node-lease" || e.Type == StoreEventType.Deleted)
        {
            return;
        }

        lock (_lock)
        {
            if (_nodes.TryGetValue(e.Object.Key.Name, out var health))
            {
                // kube records when it saw the renewal, not the renewTime the kubelet wrote.
                health.ProbedAt = Cluster.Time.GetUtcNow();
            }
        }
    }

    /// <summary>One monitoring pass: stale nodes, zone states and the zones' NoExecute rate limits.</summary>
    private void Monitor(DateTimeOffset now)
    {
        var work = new List<string>();
        lock (_lock)
        {
            foreach (var health in _nodes.Values)
            {
                if (now - health.ProbedAt > Cluster.Timing.NodeMonitorGracePeriod && health.Ready != "Unknown")
                {
                    // Counted as down in this pass's zone states already; the node's status is written by its reconcile.
                    health.Stale = true;
                    work.Add(health.Name);
                }
            }

            var zones = _nodes.Values.GroupBy(n => n.Zone, StringComparer.Ordinal).ToList();
            var states = zones.ToDictionary(z => z.Key, z => ZoneState(z.ToList()), StringComparer.Ordinal);
            var allDisrupted = states.Count > 0 && states.Values.All(s => s == "FullDisruption");
            if (allDisrupted != _allDisrupted)
            {
                _allDisrupted = allDisrupted;
                _buckets.Clear();
                work.AddRange(_nodes.Keys);
            }

            foreach (var zone in zones)
            {
                var rate = states[zone.Key] switch
                {
                    "PartialDisruption" => zone.Count() > LargeClusterThreshold ? Cluster.Timing.NodeEvictionRate / 10 : 0,
                    _ => Cluster.Timing.NodeEvictionRate,
                };
                if (rate <= 0)
                {
                    _buckets[zone.Key] = (0, now);
                    continue;
                }

                var (tokens, at) = _buckets.TryGetValue(zone.Key, out var bucket) ? bucket : (1.0, now);
                tokens = Math.Min(1, tokens + (rate * (now - at).TotalSeconds));
                foreach (var waiting in zone.Where(n => n.WaitingForTaint is not null).OrderBy(n => n.WaitingForTaint))
                {
                    if (tokens < 1)
                    {
                        break;
                    }

                    tokens -= 1;
                    waiting.WaitingForTaint = null;
                    waiting.MayTaint = true;
                    work.Add(waiting.Name);
                }

                _buckets[zone.Key] = (tokens, now);
            }
        }

        foreach (var name in work)
        {
            Queue.Add(new ObjectKey("", name));
        }
    }

    private static string ZoneState(List<NodeHealth> nodes)
    {
        var notReady = nodes.Count(n => n.Ready != "True" || n.Stale);
        var ready = nodes.Count - notReady;
        return (ready, notReady) switch
        {
            (0, > 0) => "FullDisruption",
            _ when notReady > 2 && (double)notReady / nodes.Count >= UnhealthyZoneThreshold => "PartialDisruption",
            _ => "Normal",
        };
    }

    /// <summary>The kubelet went silent: its conditions become Unknown, as kube's tryUpdateNodeHealth writes them.</summary>
    private void MarkUnknown(NodeHealth health, DateTimeOffset now)
    {
        var time = ObjectRegistry.TimeText(now);
        Cluster.Registry.Mutate(Cluster.Kinds.Node, null, health.Name, Component, node =>
        {
            var status = node["status"] as JsonObject ?? [];
            node["status"] = status;
            var conditions = status["conditions"] as JsonArray ?? [];
            status["conditions"] = conditions;
            foreach (var type in KubeletConditions)
            {
                var condition = conditions.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
                if (condition is null)
                {
                    conditions.Add(new JsonObject
                    {
                        ["lastHeartbeatTime"] = time,
                        ["lastTransitionTime"] = time,
                        ["message"] = "Kubelet never posted node status.",
                        ["reason"] = "NodeStatusNeverUpdated",
                        ["status"] = "Unknown",
                        ["type"] = type,
                    });
                }
                else if (condition["status"]?.GetValue<string>() != "Unknown")
                {
                    condition["status"] = "Unknown";
                    condition["reason"] = "NodeStatusUnknown";
                    condition["message"] = "Kubelet stopped posting node status.";
                    condition["lastTransitionTime"] = time;
                }
            }

            return true;
        });
        lock (_lock)
        {
            health.Ready = "Unknown";
        }
    }

    /// <summary>Ready=False on the node's pods, as kube's MarkPodsNotReady does.</summary>
    private void MarkPodsNotReady(string node)
    {
        var time = ObjectRegistry.TimeText(Cluster.Time.GetUtcNow());
        foreach (var key in Cluster.PodsByNode.On(node))
        {
            var changed = Cluster.Registry.Mutate(Cluster.Kinds.Pod, key.Namespace, key.Name, Component, pod =>
            {
                var ready = (pod["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == "Ready");
                if (ready is null || ready["status"]?.GetValue<string>() == "False" || pod["spec"]?["nodeName"]?.GetValue<string>() != node)
                {
                    return false;
                }

                ready["status"] = "False";
                ready["lastTransitionTime"] = time;
                return true;
            });
            if (changed is not null)
            {
                Cluster.Events.Record(new InvolvedObject("Pod", "v1", key.Namespace, key.Name, changed.Uid), "Warning", "NodeNotReady", "Node is not ready", Component);
            }
        }
    }

    /// <summary>Brings the node's controller-owned taints in line with its conditions.</summary>
    private void UpdateTaints(NodeHealth health, DateTimeOffset now)
    {
        List<Taint> noSchedule;
        string? ready;
        bool mayTaint, allDisrupted;
        lock (_lock)
        {
            ready = health.Ready;
            noSchedule = NodeTaints.NoSchedule(ready, health.Conditions, health.Unschedulable);
            mayTaint = health.MayTaint;
            allDisrupted = _allDisrupted;
        }

        var wantNoExecute = allDisrupted ? null : ready switch
        {
            "False" => NodeTaints.NotReady,
            "Unknown" => NodeTaints.Unreachable,
            _ => null,
        };
        var added = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var queue = false;
        var consumed = false;
        Cluster.Registry.Mutate(Cluster.Kinds.Node, null, health.Name, Component, node =>
        {
            var spec = node["spec"] as JsonObject ?? [];
            var current = (spec["taints"] as JsonArray ?? []).OfType<JsonObject>().Select(t => t.Deserialize<Taint>(KubernetesJson.Options)!).ToList();
            var kept = current.Where(t => !NodeTaints.IsManaged(t)).ToList();
            var result = new List<Taint>(kept);

            // NoExecute: removal and swapping at once, a new one only when the zone's rate limit allows.
            var currentNoExecute = current.FirstOrDefault(t => t.Effect == "NoExecute" && t.Key is NodeTaints.NotReady or NodeTaints.Unreachable);
            if (wantNoExecute is not null)
            {
                if (currentNoExecute?.Key == wantNoExecute)
                {
                    result.Add(currentNoExecute);
                }
                else if (currentNoExecute is not null || mayTaint)
                {
                    consumed = currentNoExecute is null;
                    result.Add(new Taint { Key = wantNoExecute, Effect = "NoExecute", TimeAdded = added });
                }
                else
                {
                    queue = true;
                }
            }

            foreach (var taint in noSchedule)
            {
                result.Add(current.FirstOrDefault(t => t.Key == taint.Key && t.Effect == "NoSchedule") ??
                           new Taint { Key = taint.Key, Effect = "NoSchedule", TimeAdded = added });
            }

            if (result.Count == current.Count && result.All(t => current.Any(c => c.Key == t.Key && c.Effect == t.Effect)))
            {
                return false;
            }

            if (result.Count == 0)
            {
                spec.Remove("taints");
            }
            else
            {
                spec["taints"] = JsonSerializer.SerializeToNode(result, KubernetesJson.Options);
            }

            node["spec"] = spec;
            return true;
        });

        lock (_lock)
        {
            // A grant that arrived while this pass ran stays for the next one.
            if (consumed || wantNoExecute is null)
            {
                health.MayTaint = false;
            }

            if (queue)
            {
                health.WaitingForTaint ??= now;
            }
            else
            {
                health.WaitingForTaint = null;
            }
        }
    }
}
