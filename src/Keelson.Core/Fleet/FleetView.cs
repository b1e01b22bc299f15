using Keelson.Core.Access;
using Keelson.Core.Api;
using Keelson.Kubernetes.Informers;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Fleet;

/// <summary>
/// The live, in-memory view of every registered cluster: cluster health, nodes, workloads and pods
/// across the fleet, answered from watch-fed caches without a request to any cluster. Lists are in
/// cluster, namespace and name order and paged with opaque continue tokens. Every list takes a
/// <c>canView</c> predicate so callers show only the clusters a user may view. Thread-safe.
/// </summary>
public sealed class FleetView
{
    /// <summary>Page size when none is given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Largest page size.</summary>
    public const int MaxLimit = 1000;

    private const int MaxWorkloadEvents = 100;

    private readonly FleetOptions _options;
    private readonly TimeProvider _time;
    private ClusterEntry[] _entries = [];

    /// <summary>Creates an empty view; the fleet service fills it from the cluster registry.</summary>
    public FleetView(IOptions<FleetOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The clusters in the view, by name, with the tags authorization needs.</summary>
    public IReadOnlyList<ClusterTarget> Clusters => [.. Volatile.Read(ref _entries).Select(e => e.Target)];

    /// <summary>Every cluster entry, by name.</summary>
    internal IReadOnlyList<ClusterEntry> Entries => Volatile.Read(ref _entries);

    /// <summary>A cluster as authorization sees it, or null when it is not registered.</summary>
    public ClusterTarget? FindCluster(string name) => Find(name)?.Target;

    /// <summary>One cluster's health, or null when it is not registered.</summary>
    public ClusterHealth? GetClusterHealth(string name) => Find(name) is { } entry ? Health(entry) : null;

    /// <summary>The health of every cluster the caller may view, by name.</summary>
    /// <exception cref="FleetQueryException">A bad limit or continue token.</exception>
    public Page<ClusterHealth> ListClusterHealth(Func<ClusterTarget, bool> canView, int limit = DefaultLimit, string? continueToken = null) =>
        Page<ClusterHealth>("cluster health", null, limit, continueToken, canView, e => [Health(e)], _ => "");

    /// <summary>Nodes across the clusters the caller may view, by cluster and name.</summary>
    /// <exception cref="FleetQueryException">A bad limit or continue token.</exception>
    public Page<FleetNode> ListNodes(NodeQuery query, Func<ClusterTarget, bool> canView)
    {
        ArgumentNullException.ThrowIfNull(query);
        var condition = query.Condition is null ? null : FleetNode.CanonicalCondition(query.Condition);
        return Page("nodes", query.Cluster, query.Limit, query.Continue, canView, e =>
            e.View is not { } view ? []
            : (condition is null ? view.Nodes.List() : view.Nodes.ByIndex(ClusterView.ConditionIndex, condition))
                .Where(n => (query.Cordoned is not { } cordoned || n.Cordoned == cordoned) && (query.Selector?.Matches(n.Labels) ?? true)),
            n => n.Name);
    }

    /// <summary>Deployments, StatefulSets and DaemonSets across the clusters the caller may view, by cluster, namespace, kind and name.</summary>
    /// <exception cref="FleetQueryException">A bad limit or continue token.</exception>
    public Page<FleetWorkload> ListWorkloads(WorkloadQuery query, Func<ClusterTarget, bool> canView)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Page("workloads", query.Cluster, query.Limit, query.Continue, canView, e =>
            e.View is not { } view ? []
            : view.Workloads(query.Kind).Where(w =>
                (query.Namespace is null || w.Namespace == query.Namespace) && (query.NotAvailable is not { } notAvailable || w.NotAvailable == notAvailable)),
            w => $"{w.Namespace}\0{w.Kind}\0{w.Name}");
    }

    /// <summary>One workload with its pods and recent events, or null when the cluster or the workload does not exist.</summary>
    public WorkloadDetail? GetWorkload(string cluster, string @namespace, WorkloadKind kind, string name)
    {
        if (Find(cluster)?.View is not { } view || view.Workload(kind, @namespace, name) is not { } workload)
        {
            return null;
        }

        var pods = view.Pods.ByIndex(ClusterView.WorkloadIndex, FleetWorkload.KeyOf(kind, @namespace, name)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var podNames = pods.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var since = (_time.GetUtcNow() - _options.EventWindow).UtcDateTime;
        var events = view.Events.ByIndex(ClusterView.NamespaceIndex, @namespace)
            .Where(e => e.LastSeen is null || e.LastSeen >= since)
            .Where(e => (e.ObjectKind == kind.ToString() && e.ObjectName == name)
                || (e.ObjectKind == "Pod" && podNames.Contains(e.ObjectName))
                || (kind == WorkloadKind.Deployment && e.ObjectKind == "ReplicaSet" && IsReplicaSetOf(name, e.ObjectName)))
            .OrderByDescending(e => e.LastSeen)
            .Take(MaxWorkloadEvents)
            .ToList();
        return new WorkloadDetail(workload, pods, events);
    }

    /// <summary>Pods across the clusters the caller may view, by cluster, namespace and name.</summary>
    /// <exception cref="FleetQueryException">A bad limit or continue token.</exception>
    public Page<FleetPod> ListPods(PodQuery query, Func<ClusterTarget, bool> canView)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Page("pods", query.Cluster, query.Limit, query.Continue, canView, e =>
            e.View is not { } view ? []
            : (query.App is { } app ? view.Pods.ByIndex(ClusterView.AppIndex, app) : view.Pods.List())
                .Where(p => (query.Namespace is null || p.Namespace == query.Namespace) && (query.Phase is not { } phase || p.Phase == phase)),
            p => $"{p.Namespace}\0{p.Name}");
    }

    /// <summary>One pod, or null.</summary>
    public FleetPod? GetPod(string cluster, string @namespace, string name) =>
        Find(cluster)?.View?.Pods.Get(new ObjectKey(@namespace, name));

    /// <summary>Per-cluster counters for <c>/metrics</c>.</summary>
    public IReadOnlyList<ClusterMetrics> Metrics() =>
        [.. Volatile.Read(ref _entries).Select(e => e.View?.Metrics() ?? new ClusterMetrics(e.Name, ClusterStatus.Stale, 0, null, 0, null, 0, 0, 0, 0))];

    /// <summary>Replaces the set of clusters (sorted by name) after a reconcile pass.</summary>
    internal void Publish(IEnumerable<ClusterEntry> entries) =>
        Volatile.Write(ref _entries, [.. entries.OrderBy(e => e.Name, StringComparer.Ordinal)]);

    private static bool IsReplicaSetOf(string deployment, string replicaSet) =>
        replicaSet.Length > deployment.Length + 1 && replicaSet.StartsWith(deployment, StringComparison.Ordinal) &&
        replicaSet[deployment.Length] == '-' && replicaSet.IndexOf('-', deployment.Length + 1) < 0;

    private ClusterEntry? Find(string name) => Array.Find(Volatile.Read(ref _entries), e => e.Name == name);

    private ClusterHealth Health(ClusterEntry entry)
    {
        var record = entry.Record;
        if (entry.View is { } view)
        {
            return view.Health(record, _options.EventWindow);
        }

        return new ClusterHealth(record.Name, record.Tags, ClusterStatus.Stale, entry.StartError, null, null, null, null,
            new NodeCounts(0, 0, 0, 0), new PodCounts(0, new Dictionary<PodPhase, int>()), new WorkloadCounts(0, 0), 0);
    }

    /// <summary>
    /// One page of <paramref name="list"/>: the items <paramref name="select"/> gives for each visible
    /// cluster in name order, each cluster's items in <paramref name="keyOf"/> order, starting after the
    /// item the continue token names.
    /// </summary>
    private Page<T> Page<T>(
        string list, string? cluster, int limit, string? continueToken, Func<ClusterTarget, bool> canView,
        Func<ClusterEntry, IEnumerable<T>> select, Func<T, string> keyOf)
    {
        ArgumentNullException.ThrowIfNull(canView);
        if (limit is < 1 or > MaxLimit)
        {
            throw new FleetQueryException("limit", $"limit {limit} is out of range; give 1 to {MaxLimit}");
        }

        var after = continueToken is null ? ((string Cluster, string Key)?)null : ContinueToken.Decode(list, continueToken);
        var page = new List<T>(Math.Min(limit, 256));
        var (lastCluster, lastKey) = ("", "");
        foreach (var entry in Volatile.Read(ref _entries))
        {
            if ((cluster is not null && entry.Name != cluster) || (after is { } start && string.CompareOrdinal(entry.Name, start.Cluster) < 0) || !canView(entry.Target))
            {
                continue;
            }

            var keyed = select(entry).Select(item => (Key: keyOf(item), Item: item));
            if (after is { } resume && entry.Name == resume.Cluster)
            {
                keyed = keyed.Where(k => string.CompareOrdinal(k.Key, resume.Key) > 0);
            }

            var sorted = keyed.ToList();
            sorted.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));
            foreach (var (key, item) in sorted)
            {
                if (page.Count == limit)
                {
                    return new Page<T>(page, ContinueToken.Encode(list, lastCluster, lastKey));
                }

                page.Add(item);
                (lastCluster, lastKey) = (entry.Name, key);
            }
        }

        return new Page<T>(page, null);
    }
}
