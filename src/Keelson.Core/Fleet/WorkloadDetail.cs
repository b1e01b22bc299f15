namespace Keelson.Core.Fleet;

/// <summary>A workload with its pods and its recent events (and those of its pods and ReplicaSets).</summary>
/// <param name="Workload">The workload.</param>
/// <param name="Pods">Its pods, by name.</param>
/// <param name="Events">Recent events about it, its ReplicaSets and its pods, newest first (at most 100).</param>
public sealed record WorkloadDetail(FleetWorkload Workload, IReadOnlyList<FleetPod> Pods, IReadOnlyList<FleetEvent> Events);
