namespace Keelson.Core.Flows.Api;

/// <summary>The clusters a run acts on, as far as they are known before it runs.</summary>
/// <param name="Clusters">The clusters named by its tasks (and its sub-flows' tasks).</param>
/// <param name="Open">Why some targets are known only while it runs; empty when every target is known.</param>
public sealed record RunTargets(IReadOnlySet<string> Clusters, IReadOnlyList<string> Open)
{
    /// <summary>True when every cluster the run may act on is in <see cref="Clusters"/>.</summary>
    public bool IsClosed => Open.Count == 0;
}
