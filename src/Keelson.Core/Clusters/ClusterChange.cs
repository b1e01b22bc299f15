namespace Keelson.Core.Clusters;

/// <summary>A change to the registry, for components that keep per-cluster state (clients, informers).</summary>
/// <param name="Name">The cluster.</param>
/// <param name="Removed">Whether it was removed (otherwise added, re-tagged or given new credentials).</param>
public sealed record ClusterChange(string Name, bool Removed);
