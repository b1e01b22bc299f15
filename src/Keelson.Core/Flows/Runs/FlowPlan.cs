namespace Keelson.Core.Flows.Runs;

/// <summary>A dry run of a flow: what it would do, task by task and cluster by cluster, without acting.</summary>
/// <param name="Flow">The flow.</param>
/// <param name="Version">The version planned.</param>
/// <param name="Tasks">Each task in dependency order.</param>
/// <param name="Clusters">Per cluster, what would be created, changed, deleted and evicted.</param>
public sealed record FlowPlan(string Flow, int Version, IReadOnlyList<FlowPlanTask> Tasks, IReadOnlyList<FlowClusterPlan> Clusters);
