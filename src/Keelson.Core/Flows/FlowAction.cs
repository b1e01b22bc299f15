using System.Text.Json.Nodes;

namespace Keelson.Core.Flows;

/// <summary>
/// One change a task is about to make, classified for the action gate (guardrails, change control)
/// and the audit log: what, to which kind of object, where, and to how many.
/// </summary>
/// <param name="Verb">What the action does.</param>
/// <param name="Kind">The kind of object, e.g. <c>Pod</c>, <c>Node</c>, <c>Deployment</c>; <c>Webhook</c> for calls.</param>
/// <param name="Cluster">The cluster acted on; null for calls outside any cluster.</param>
/// <param name="Namespace">The namespace; null for cluster-scoped objects or several namespaces.</param>
/// <param name="Names">The objects' names (a webhook's URL for calls).</param>
public sealed record FlowAction(FlowActionVerb Verb, string Kind, string? Cluster, string? Namespace, IReadOnlyList<string> Names)
{
    /// <summary>How many objects the action touches.</summary>
    public int Count => Names.Count;

    /// <summary>Anything else a gate may weigh, e.g. <c>{"replicas": 0, "previousReplicas": 5}</c> for a scale.</summary>
    public JsonObject? Details { get; init; }

    /// <summary>The action in a few words, e.g. <c>evict Pod default/web-1 on cluster prod-a</c>.</summary>
    public override string ToString()
    {
        var what = Names.Count == 1
            ? $"{Kind} {(Namespace is null ? "" : Namespace + "/")}{Names[0]}"
            : $"{Names.Count} {Kind} objects{(Namespace is null ? "" : $" in {Namespace}")}";
        return $"{Verb.ToString().ToLowerInvariant()} {what}{(Cluster is null ? "" : $" on cluster {Cluster}")}";
    }
}
