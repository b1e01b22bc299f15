using Keelson.Core.Flows.Executors;

namespace Keelson.Core.Flows.Runs;

/// <summary>What a dry run says a flow would do to one cluster (or, for <see cref="Cluster"/> null, outside any cluster).</summary>
/// <param name="Cluster">The cluster; null for webhook calls.</param>
/// <param name="Create">Objects it would create.</param>
/// <param name="Change">Objects it would change.</param>
/// <param name="Delete">Objects it would delete.</param>
/// <param name="Evict">Pods it would evict.</param>
/// <param name="Call">Webhooks it would call.</param>
public sealed record FlowClusterPlan(
    string? Cluster,
    IReadOnlyList<PlannedAction> Create,
    IReadOnlyList<PlannedAction> Change,
    IReadOnlyList<PlannedAction> Delete,
    IReadOnlyList<PlannedAction> Evict,
    IReadOnlyList<PlannedAction> Call);
