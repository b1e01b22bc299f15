using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Scheduling;

/// <summary>
/// The scheduler's view of the cluster, kept from watch events: nodes with what their pods take,
/// the pods bound or assumed, and the indexes spreading and anti-affinity need. Not thread-safe:
/// the <see cref="Scheduler"/> guards it with one lock.
/// </summary>
internal sealed class SchedulerCache
{
    private readonly Dictionary<string, NodeInfo> _nodes = new(StringComparer.Ordinal);
    private readonly List<NodeInfo> _order = [];
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, AssignedPod> _pods = [];
    private readonly Dictionary<string, HashSet<AssignedPod>> _byNamespace = new(StringComparer.Ordinal);
    private readonly HashSet<AssignedPod> _antiAffinityPods = [];
    private readonly Dictionary<(string Owner, string Node), int> _ownerNodes = [];
    private readonly Dictionary<(string Owner, string Zone), int> _ownerZones = [];

    /// <summary>Nodes that exist, in the order they were added.</summary>
    public IReadOnlyList<NodeInfo> Nodes => _order;

    /// <summary>Where the last search stopped, so the next one starts after it (kube's round robin).</summary>
    public int NextStart { get; set; }

    /// <summary>Every pod bound or assumed.</summary>
    public IEnumerable<AssignedPod> Pods => _pods.Values;

    /// <summary>The pods bound or assumed in one namespace.</summary>
    public IEnumerable<AssignedPod> PodsIn(string @namespace) => _byNamespace.TryGetValue(@namespace, out var pods) ? pods : [];

    /// <summary>Pods with required anti-affinity, which later pods must keep away from.</summary>
    public IReadOnlyCollection<AssignedPod> AntiAffinityPods => _antiAffinityPods;

    /// <summary>An existing node, or null.</summary>
    public NodeInfo? Node(string name) => _known.Contains(name) ? _nodes[name] : null;

    /// <summary>Adds or refreshes a node; true when the change may let pending pods fit.</summary>
    public bool UpsertNode(Node node, IReadOnlyDictionary<string, string>? labels)
    {
        var name = node.Metadata.Name!;
        if (!_nodes.TryGetValue(name, out var info))
        {
            info = _nodes[name] = new NodeInfo(name);
        }

        var oldZone = info.Zone;
        var loosened = info.Update(node, labels);
        if (_known.Add(name))
        {
            _order.Add(info);
            loosened = true;
        }

        if (oldZone != info.Zone)
        {
            foreach (var pod in info.Pods)
            {
                CountZone(pod, oldZone, -1);
                CountZone(pod, info.Zone, 1);
            }
        }

        return loosened;
    }

    /// <summary>Forgets a deleted node (its pods stay counted until their own deletions arrive).</summary>
    public void RemoveNode(string name)
    {
        if (_known.Remove(name))
        {
            _order.RemoveAll(n => n.Name == name);
            if (_nodes[name].Pods.Count == 0)
            {
                _nodes.Remove(name);
            }
        }
    }

    /// <summary>A bound or assumed pod, or null.</summary>
    public AssignedPod? Pod(ObjectKey key) => _pods.GetValueOrDefault(key);

    /// <summary>Counts a pod on its node.</summary>
    public void AddPod(AssignedPod pod)
    {
        RemovePod(pod.Key);
        _pods[pod.Key] = pod;
        if (!_nodes.TryGetValue(pod.Node, out var node))
        {
            // A pod may be seen before its node: keep its place until the node arrives.
            node = _nodes[pod.Node] = new NodeInfo(pod.Node);
        }

        node.Add(pod);
        if (!_byNamespace.TryGetValue(pod.Key.Namespace, out var inNamespace))
        {
            inNamespace = _byNamespace[pod.Key.Namespace] = [];
        }

        inNamespace.Add(pod);
        if (pod.AntiAffinity is not null)
        {
            _antiAffinityPods.Add(pod);
        }

        if (pod.OwnerUid is { } owner)
        {
            Count(_ownerNodes, (owner, pod.Node), 1);
            CountZone(pod, node.Zone, 1);
        }
    }

    /// <summary>Stops counting a pod; false when it was not counted.</summary>
    public bool RemovePod(ObjectKey key)
    {
        if (!_pods.Remove(key, out var pod))
        {
            return false;
        }

        var node = _nodes[pod.Node];
        node.Remove(key);
        _antiAffinityPods.Remove(pod);
        if (_byNamespace.TryGetValue(key.Namespace, out var inNamespace) && inNamespace.Remove(pod) && inNamespace.Count == 0)
        {
            _byNamespace.Remove(key.Namespace);
        }

        if (pod.OwnerUid is { } owner)
        {
            Count(_ownerNodes, (owner, pod.Node), -1);
            CountZone(pod, node.Zone, -1);
        }

        if (node.Pods.Count == 0 && !_known.Contains(pod.Node))
        {
            _nodes.Remove(pod.Node);
        }

        return true;
    }

    /// <summary>How many pods of <paramref name="owner"/> are on <paramref name="node"/>.</summary>
    public int OwnerPodsOnNode(string owner, string node) => _ownerNodes.GetValueOrDefault((owner, node));

    /// <summary>How many pods of <paramref name="owner"/> are in <paramref name="zone"/>.</summary>
    public int OwnerPodsInZone(string owner, string zone) => _ownerZones.GetValueOrDefault((owner, zone));

    private void CountZone(AssignedPod pod, string? zone, int delta)
    {
        if (pod.OwnerUid is { } owner && zone is not null)
        {
            Count(_ownerZones, (owner, zone), delta);
        }
    }

    private static void Count<TKey>(Dictionary<TKey, int> counts, TKey key, int delta)
        where TKey : notnull
    {
        var value = counts.GetValueOrDefault(key) + delta;
        if (value == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = value;
        }
    }
}
