namespace Keelson.Core.Flows.Executors;

/// <summary>One thing a dry run says a task would do.</summary>
/// <param name="Verb">Create, change, delete, evict or call.</param>
/// <param name="Cluster">The cluster; null for webhook calls.</param>
/// <param name="Kind">The object's kind (<c>Webhook</c> for calls).</param>
/// <param name="Namespace">The namespace, null when cluster-scoped.</param>
/// <param name="Name">The object's name (the URL for calls).</param>
/// <param name="Detail">What would change, e.g. <c>replicas 5 → 0</c>; null when the verb says it all.</param>
public sealed record PlannedAction(PlannedVerb Verb, string? Cluster, string Kind, string? Namespace, string Name, string? Detail = null);
