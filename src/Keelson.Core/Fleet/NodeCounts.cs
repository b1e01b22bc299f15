namespace Keelson.Core.Fleet;

/// <summary>A cluster's nodes at a glance.</summary>
/// <param name="Total">Every node.</param>
/// <param name="Ready">Nodes whose Ready condition is True.</param>
/// <param name="Cordoned">Nodes marked unschedulable.</param>
/// <param name="WithProblems">Nodes not Ready or with a problem condition (pressure, kernel deadlock...).</param>
public sealed record NodeCounts(int Total, int Ready, int Cordoned, int WithProblems);
