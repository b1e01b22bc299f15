namespace Keelson.Core.Changes;

/// <summary>How much a change can touch, computed from its plan and the live fleet view.</summary>
/// <param name="Clusters">Clusters it changes.</param>
/// <param name="Nodes">Nodes it changes or whose pods it touches.</param>
/// <param name="Workloads">Workloads it changes or whose pods it touches.</param>
/// <param name="Pods">Pods it evicts, deletes or replaces (the pods of changed workloads).</param>
/// <param name="Objects">Objects it creates, changes or deletes.</param>
/// <param name="Estimated">True when the fleet view had no data for a cluster, so pods and nodes behind a workload are not counted.</param>
public sealed record BlastRadius(int Clusters, int Nodes, int Workloads, int Pods, int Objects, bool Estimated);
