using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Nodes;

/// <summary>
/// Which pods are bound to each node, for the controllers that act on a node's pods (node
/// lifecycle, taint eviction, pod garbage collection), as kube's share one pod informer indexed
/// by <c>spec.nodeName</c>. One index per cluster, kept by the pod table itself as it commits each
/// write (through the stored <c>spec.nodeName</c> field, no JSON is read), so it is never behind
/// the events any controller has seen: a pod a controller saw bound is on its node here.
/// </summary>
internal sealed class PodsByNode
{
    private readonly Lock _lock = new();
    // Lists: a node runs about a hundred pods at most, and a hash set each cost twice the memory.
    private readonly Dictionary<string, List<ObjectKey>> _byNode = new(StringComparer.Ordinal);
    private readonly ResourceKind _pods;

    /// <summary>Creates the index of <paramref name="store"/>'s pods and keeps it with every write.</summary>
    public PodsByNode(ClusterStore store, ResourceKind pods)
    {
        ArgumentNullException.ThrowIfNull(store);
        _pods = pods;
        store.Table(pods).Observe(Apply);
    }

    /// <summary>The node a stored pod is bound to, or null when it is unbound (or there is no pod).</summary>
    public static string? NodeOf(ResourceKind pods, StoredObject? pod) =>
        pod?.Field(pods, "spec.nodeName") is { Length: > 0 } node ? node : null;

    /// <summary>The pods bound to <paramref name="node"/>.</summary>
    public List<ObjectKey> On(string node)
    {
        lock (_lock)
        {
            return _byNode.TryGetValue(node, out var set) ? [.. set] : [];
        }
    }

    private void Apply(StoreEvent e)
    {
        // A removal's object is the pod's last state, bound where it was.
        var before = e.Type == StoreEventType.Deleted ? NodeOf(_pods, e.Object) : NodeOf(_pods, e.Previous);
        var now = e.Type == StoreEventType.Deleted ? null : NodeOf(_pods, e.Object);
        if (before == now)
        {
            return;
        }

        var key = e.Object.Key;
        lock (_lock)
        {
            if (before is not null && _byNode.TryGetValue(before, out var old) && old.Remove(key) && old.Count == 0)
            {
                _byNode.Remove(before);
            }

            if (now is not null)
            {
                if (!_byNode.TryGetValue(now, out var set))
                {
                    set = _byNode[now] = [];
                }

                if (!set.Contains(key))
                {
                    set.Add(key);
                }
            }
        }
    }
}
