namespace Keelson.Core.Fleet;

/// <summary>One cluster as the fleet view sees it right now (no request reaches the cluster to answer this).</summary>
/// <param name="Name">The registered cluster.</param>
/// <param name="Tags">Its tags (env, region, zone, tier...).</param>
/// <param name="Status">Whether the view is current.</param>
/// <param name="Stale">Why it is stale and since when; null unless <see cref="Status"/> is Stale.</param>
/// <param name="Reachable">Whether the last API probe (<c>GET</c> of the <c>default</c> namespace, timed) answered; null before the first probe.</param>
/// <param name="ApiLatency">How long the last successful probe took, in Go duration syntax (<c>3.2ms</c>).</param>
/// <param name="LastProbe">When the API was last probed (UTC).</param>
/// <param name="LastSync">When the view last received a list or a watch event from the cluster (UTC).</param>
/// <param name="Nodes">Node counts.</param>
/// <param name="Pods">Pod counts.</param>
/// <param name="Workloads">Workload counts.</param>
/// <param name="WarningEvents">Warning events seen in the recent-events window (an hour by default).</param>
public sealed record ClusterHealth(
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    ClusterStatus Status,
    StaleReason? Stale,
    bool? Reachable,
    string? ApiLatency,
    DateTime? LastProbe,
    DateTime? LastSync,
    NodeCounts Nodes,
    PodCounts Pods,
    WorkloadCounts Workloads,
    int WarningEvents);
