namespace Keelson.Simulator.Registry.Strategies;

/// <summary>Cluster state a strategy may need.</summary>
/// <param name="ServiceIps">The cluster's service IP and node-port allocator.</param>
/// <param name="Now">The time of the write.</param>
/// <param name="DefaultTolerationSeconds">Seconds new pods tolerate not-ready and unreachable nodes.</param>
internal sealed record StrategyContext(ServiceAddressAllocator ServiceIps, DateTimeOffset Now, int DefaultTolerationSeconds);
