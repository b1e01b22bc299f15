using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Nodes;

/// <summary>
/// Which pods are bound to each node, kept from pod watch events through the stored
/// <c>spec.nodeName</c> field (no JSON is read), so a node's pods are found without scanning all pods.
/// </summary>
internal sealed class PodsByNode
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<ObjectKey>> _byNode = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, string> _nodeOf = [];
    private readonly ResourceKind _pods;

    public PodsByNode(ResourceKind pods) => _pods = pods;

    /// <summary>Applies a pod event; returns the pod's node before and now (null when unbound or gone).</summary>
    public (string? Before, string? Now) Apply(StoreEvent e)
    {
        var key = e.Object.Key;
        var node = e.Type == StoreEventType.Deleted ? null : e.Object.Field(_pods, "spec.nodeName");
        if (string.IsNullOrEmpty(node))
        {
            node = null;
        }

        string? before;
        lock (_lock)
        {
            before = _nodeOf.GetValueOrDefault(key);
            if (before is not null && before != node)
            {
                _byNode[before].Remove(key);
                if (_byNode[before].Count == 0)
                {
                    _byNode.Remove(before);
                }

                _nodeOf.Remove(key);
            }

            if (node is not null && before != node)
            {
                _nodeOf[key] = node;
                if (!_byNode.TryGetValue(node, out var set))
                {
                    set = _byNode[node] = [];
                }

                set.Add(key);
            }
        }

        return (before, node);
    }

    /// <summary>The pods bound to <paramref name="node"/>.</summary>
    public List<ObjectKey> On(string node)
    {
        lock (_lock)
        {
            return _byNode.TryGetValue(node, out var set) ? [.. set] : [];
        }
    }
}
