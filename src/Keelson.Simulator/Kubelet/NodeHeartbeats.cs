using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Faults;
using Keelson.Simulator.Metrics;
using Keelson.Simulator.Registry;

namespace Keelson.Simulator.Kubelet;

/// <summary>
/// The kubelets' side of node health for a whole cluster, on one loop of its own (so a backlog
/// of pod work never delays a heartbeat): every <c>timing.nodeHeartbeat</c>, each node (at its
/// own offset in the interval) renews its Lease in <c>kube-node-lease</c> and posts its status
/// when a condition changed (faults force MemoryPressure, KernelDeadlock, Ready=False...) or
/// when <c>timing.nodeStatusReport</c> passed, refreshing lastHeartbeatTime. A node cut off by a
/// fault does neither; when it comes back it posts at once and its pods report again.
/// </summary>
internal sealed class NodeHeartbeats
{
    /// <summary>The conditions every kubelet reports, healthy.</summary>
    private static readonly NodeConditionFault[] Healthy =
    [
        new("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        new("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        new("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        new("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
    ];

    /// <summary>The condition signatures seen: a handful (healthy, a fault's conditions), whatever the fleet's size.</summary>
    private static readonly StringPool Signatures = new();

    private readonly SimulationContext _cluster;
    private readonly Kubelets _kubelet;
    private readonly TimerQueue<string> _timers;
    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);

    public NodeHeartbeats(SimulationContext cluster, Kubelets kubelet)
    {
        _cluster = cluster;
        _kubelet = kubelet;
        _timers = new TimerQueue<string>(cluster.Time);
    }

    /// <summary>Starts beating for a node (the first beat at the node's offset in the interval).</summary>
    public void Track(KubeletNode node)
    {
        var now = _cluster.Time.GetUtcNow();
        if (_states.TryAdd(node.Name, new State(node, now)))
        {
            var interval = _cluster.Timing.NodeHeartbeat;
            var offset = TimeSpan.FromTicks((long)(StableHash.Of(_cluster.Seed, node.Name) % (ulong)Math.Max(1, interval.Ticks)));
            _timers.Schedule(node.Name, now + offset);
        }
    }

    /// <summary>Stops beating for a deleted node.</summary>
    public void Untrack(string node)
    {
        _states.TryRemove(node, out _);
        _timers.Cancel(node);
    }

    /// <summary>Runs the beats until <paramref name="stop"/>.</summary>
    public Task RunAsync(CancellationToken stop) => _timers.RunAsync(Beat, stop);

    private void Beat(string name)
    {
        if (!_states.TryGetValue(name, out var state))
        {
            return;
        }

        var now = _cluster.Time.GetUtcNow();
        _timers.Schedule(name, now + _cluster.Timing.NodeHeartbeat);
        if (_cluster.Faults.IsNodeCutOff(name, state.Node.Zone))
        {
            state.CutOff = true;
            return;
        }

        var reconnected = state.CutOff;
        state.CutOff = false;
        try
        {
            RenewLease(name, now);
            var desired = Desired(state);
            var signature = Signature(desired);
            // Like the kubelet, compare with the node as stored: the node controller may have marked it Unknown.
            if (signature != state.Node.StoredConditions || now - state.Reported >= _cluster.Timing.NodeStatusReport)
            {
                PostStatus(state, desired, now);
                state.Reported = now;
            }
        }
        catch (ApiException)
        {
            // The node was deleted meanwhile; its watch event untracks it.
        }

        if (reconnected)
        {
            _kubelet.Reconnected(state.Node);
        }
    }

    /// <summary>The conditions the node reports now: healthy ones unless a fault says otherwise, and node-problem-detector types once seen.</summary>
    private List<NodeConditionFault> Desired(State state)
    {
        var faults = _cluster.Faults.NodeConditions(state.Node.Name);
        foreach (var fault in faults)
        {
            if (!Healthy.Any(h => h.Type == fault.Type))
            {
                state.ExtraTypes.Add(fault.Type);
            }
        }

        var desired = Healthy.Select(h => faults.FirstOrDefault(f => f.Type == h.Type) ?? h).ToList();
        foreach (var type in state.ExtraTypes.Order(StringComparer.Ordinal))
        {
            desired.Add(faults.FirstOrDefault(f => f.Type == type) ?? Cleared(type));
        }

        return desired;
    }

    /// <summary>How node-problem-detector reports a problem type that went away.</summary>
    private static NodeConditionFault Cleared(string type) => type switch
    {
        "KernelDeadlock" => new(type, "False", "KernelHasNoDeadlock", "kernel has no deadlock"),
        "ReadonlyFilesystem" => new(type, "False", "FilesystemIsNotReadOnly", "Filesystem is not read-only"),
        "FrequentKubeletRestart" => new(type, "False", "NoFrequentKubeletRestart", "kubelet is functioning properly"),
        "FrequentContainerdRestart" => new(type, "False", "NoFrequentContainerdRestart", "containerd is functioning properly"),
        "NetworkUnavailable" => new(type, "False", "RouteCreated", "RouteController created a route"),
        _ => new(type, "False", "No" + type, $"{type} is no longer reported"),
    };

    private void RenewLease(string name, DateTimeOffset now)
    {
        var renew = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var leases = _cluster.Kinds.Lease;
        var renewed = _cluster.Registry.Mutate(leases, "kube-node-lease", name, "kubelet", lease =>
        {
            var spec = lease["spec"] as JsonObject ?? [];
            lease["spec"] = spec;
            spec["holderIdentity"] = name;
            spec["leaseDurationSeconds"] = 40;
            spec["renewTime"] = renew;
            return true;
        });
        if (renewed is null)
        {
            // A node registered through the API has no lease yet: the kubelet creates it.
            _cluster.Registry.Create(leases, "kube-node-lease", new JsonObject
            {
                ["apiVersion"] = "coordination.k8s.io/v1",
                ["kind"] = "Lease",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "kube-node-lease" },
                ["spec"] = new JsonObject { ["holderIdentity"] = name, ["leaseDurationSeconds"] = 40, ["renewTime"] = renew },
            }, WriteContext.For("kubelet"));
        }
    }

    private void PostStatus(State state, List<NodeConditionFault> desired, DateTimeOffset now)
    {
        var time = ObjectRegistry.TimeText(now);
        var changed = new List<(string Type, string Status)>();
        _cluster.Registry.Mutate(_cluster.Kinds.Node, null, state.Node.Name, "kubelet", node =>
        {
            var status = node["status"] as JsonObject ?? [];
            node["status"] = status;
            var conditions = status["conditions"] as JsonArray ?? [];
            status["conditions"] = conditions;
            foreach (var want in desired)
            {
                var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == want.Type);
                if (existing is null)
                {
                    existing = [];
                    conditions.Add(existing);
                }

                var before = existing["status"]?.GetValue<string>();
                var transition = before == want.Status ? existing["lastTransitionTime"]?.DeepClone() ?? time : time;
                if (before != want.Status && before is not null)
                {
                    changed.Add((want.Type, want.Status));
                }

                existing.Clear();
                existing["lastHeartbeatTime"] = time;
                existing["lastTransitionTime"] = transition;
                existing["message"] = want.Message;
                existing["reason"] = want.Reason;
                existing["status"] = want.Status;
                existing["type"] = want.Type;
            }

            return true;
        });

        foreach (var (type, status) in changed)
        {
            if (StatusEvent(type, status) is { } reason)
            {
                _cluster.Events.Record(
                    new InvolvedObject("Node", "v1", "", state.Node.Name, state.Node.Uid),
                    "Normal",
                    reason,
                    $"Node {state.Node.Name} status is now: {reason}",
                    "kubelet",
                    state.Node.Name);
            }
        }
    }

    /// <summary>The event reason the kubelet records when a condition flips.</summary>
    private static string? StatusEvent(string type, string status) => (type, status) switch
    {
        ("Ready", "True") => "NodeReady",
        ("Ready", _) => "NodeNotReady",
        ("MemoryPressure", "True") => "NodeHasInsufficientMemory",
        ("MemoryPressure", _) => "NodeHasSufficientMemory",
        ("DiskPressure", "True") => "NodeHasDiskPressure",
        ("DiskPressure", _) => "NodeHasNoDiskPressure",
        ("PIDPressure", "True") => "NodeHasInsufficientPID",
        ("PIDPressure", _) => "NodeHasSufficientPID",
        _ => null,
    };

    /// <summary>
    /// Conditions as one comparable text, whatever their order; shared, as every healthy node
    /// has the same (10,000 copies of 600 characters were 12 MB).
    /// </summary>
    internal static string Signature(IEnumerable<NodeConditionFault> conditions) =>
        Signatures.Intern(string.Join('\n', conditions.Select(c => $"{c.Type}|{c.Status}|{c.Reason}|{c.Message}").Order(StringComparer.Ordinal)))!;

    private sealed class State(KubeletNode node, DateTimeOffset reported)
    {
        public KubeletNode Node { get; } = node;

        public DateTimeOffset Reported { get; set; } = reported;

        public bool CutOff { get; set; }

        public HashSet<string> ExtraTypes { get; } = new(StringComparer.Ordinal);
    }
}
