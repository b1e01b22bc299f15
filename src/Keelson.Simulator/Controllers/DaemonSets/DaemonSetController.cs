using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Controllers.History;
using Keelson.Simulator.Controllers.Pods;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.DaemonSets;

/// <summary>
/// kube-controller-manager's <c>daemonset-controller</c>: one pod per eligible node, pinned to it by
/// required node affinity <c>matchFields metadata.name In [node]</c> for the scheduler to honour,
/// replaced as nodes come, go or change, rolled to a new template within <c>maxUnavailable</c> and
/// <c>maxSurge</c> (or when deleted, with <c>OnDelete</c>), with ControllerRevisions as history.
/// </summary>
public sealed class DaemonSetController : Controller
{
    private readonly SelectorIndex _sets = new();
    private readonly ConcurrentDictionary<string, NodeFacts> _nodes = new(StringComparer.Ordinal);

    /// <summary>Creates the controller of one cluster.</summary>
    public DaemonSetController(SimulationContext cluster)
        : base(cluster, "daemonset-controller")
    {
        Pods = new PodFactsCache(cluster.Store.Strings);
        History = new RevisionHistory(cluster, Name);
        Watch(cluster.Kinds.DaemonSet, OnDaemonSet);
        Watch(cluster.Kinds.Node, OnNode);
        Watch(cluster.Kinds.Pod, OnPod);
    }

    /// <summary>The pods of daemon sets, parsed.</summary>
    internal PodFactsCache Pods { get; }

    /// <summary>The sets' ControllerRevisions.</summary>
    internal RevisionHistory History { get; }

    /// <summary>When each (set, node) may next have a failed daemon pod deleted, and the back-off after that.</summary>
    internal ConcurrentDictionary<(string Set, string Node), (DateTimeOffset Until, TimeSpan Delay)> FailedPodBackoff { get; } = new();

    /// <summary>The cluster (for the reconcile pass).</summary>
    internal SimulationContext Context => Cluster;

    /// <summary>The nodes as last seen by the watch, as kube's node lister has them.</summary>
    internal List<NodeFacts> Nodes() => [.. _nodes.Values];

    /// <summary>
    /// Whether a node is gone from the store (not merely unseen yet: at start the watch may not
    /// have delivered every node when a set is first synced).
    /// </summary>
    internal bool NodeGone(string name) => Cluster.Registry.Get(Cluster.Kinds.Node, null, name) is null;

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var stored = Cluster.Registry.Get(Cluster.Kinds.DaemonSet, key.Namespace, key.Name);
        if (stored is not null && new DaemonSetPass(this, stored).Run() is { } recheck)
        {
            Queue.AddAfter(key, recheck);
        }
    }

    private void OnDaemonSet(StoreEvent e)
    {
        if (e.Type == StoreEventType.Deleted)
        {
            _sets.Remove(e.Object.Key);
            foreach (var key in FailedPodBackoff.Keys.Where(k => k.Set == e.Object.Uid))
            {
                FailedPodBackoff.TryRemove(key, out _);
            }
        }
        else
        {
            _sets.Set(e.Object.Key, ObjectRegistry.Matcher(ObjectRegistry.Parse(e.Object)["spec"]?["selector"] as JsonObject));
        }

        Queue.Add(e.Object.Key);
    }

    private void OnNode(StoreEvent e)
    {
        var name = e.Object.Key.Name;
        if (e.Type == StoreEventType.Deleted)
        {
            _nodes.TryRemove(name, out _);
        }
        else
        {
            var before = _nodes.GetValueOrDefault(name);
            var facts = NodeFacts.Read(e.Object, Cluster.Store.Strings);
            _nodes[name] = facts;
            if (before is not null && before.SamePlacement(facts))
            {
                return; // heartbeats and status changes move no daemon pod
            }
        }

        foreach (var set in _sets.All())
        {
            Queue.Add(set);
        }
    }

    private void OnPod(StoreEvent e)
    {
        foreach (var set in Pods.ObserveOwned(e, "DaemonSet", _sets))
        {
            Queue.Add(set);
        }
    }
}
