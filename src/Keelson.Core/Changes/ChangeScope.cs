namespace Keelson.Core.Changes;

/// <summary>Where a change acts.</summary>
/// <param name="Clusters">The clusters it changes.</param>
/// <param name="Nodes">The nodes (<c>cluster/node</c>) it changes or whose pods it touches.</param>
/// <param name="Workloads">The workloads (<c>cluster/namespace/Kind/name</c>) it changes or whose pods it touches.</param>
public sealed record ChangeScope(IReadOnlyList<string> Clusters, IReadOnlyList<string> Nodes, IReadOnlyList<string> Workloads);
