namespace Keelson.Core.Fleet;

/// <summary>A cluster's pods at a glance.</summary>
/// <param name="Total">Every pod.</param>
/// <param name="ByPhase">Pods per phase; phases without pods are left out.</param>
public sealed record PodCounts(int Total, IReadOnlyDictionary<PodPhase, int> ByPhase);
