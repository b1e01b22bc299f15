namespace Keelson.Core.Fleet;

/// <summary>A cluster's Deployments, StatefulSets and DaemonSets at a glance.</summary>
/// <param name="Total">Every workload.</param>
/// <param name="NotAvailable">Workloads with fewer available pods than desired.</param>
public sealed record WorkloadCounts(int Total, int NotAvailable);
