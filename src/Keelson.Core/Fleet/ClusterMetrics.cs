namespace Keelson.Core.Fleet;

/// <summary>One cluster's counters for <c>/metrics</c>, read as a snapshot.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Status">Whether the view is current.</param>
/// <param name="Events">Changes delivered to the view since it started (watch events, and the items of lists and relists).</param>
/// <param name="LastEventAge">How long ago the last change arrived (the sync lag of an idle cluster); null before the first.</param>
/// <param name="ApiErrors">Failed requests: API probes, and list or watch failures seen by the once-a-second health check.</param>
/// <param name="ApiLatency">The last successful probe's duration; null before the first.</param>
/// <param name="Nodes">Nodes held.</param>
/// <param name="Pods">Pods held.</param>
/// <param name="Workloads">Deployments, StatefulSets and DaemonSets held.</param>
/// <param name="RecentEvents">Kubernetes events held.</param>
public sealed record ClusterMetrics(
    string Cluster,
    ClusterStatus Status,
    long Events,
    TimeSpan? LastEventAge,
    long ApiErrors,
    TimeSpan? ApiLatency,
    int Nodes,
    int Pods,
    int Workloads,
    int RecentEvents);
