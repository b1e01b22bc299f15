using Keelson.Core.Flows;

namespace Keelson.Core.Guardrails;

/// <summary>What a destructive action costs: its class (verb and kind), where, and how many tokens (one per object).</summary>
/// <param name="Verb">One of <see cref="GuardrailVerbs"/>.</param>
/// <param name="Kind">The object's kind, e.g. <c>Pod</c>.</param>
/// <param name="Cluster">The cluster acted on.</param>
/// <param name="Tokens">How many objects the action touches.</param>
public sealed record GuardrailCharge(string Verb, string Kind, string Cluster, long Tokens)
{
    /// <summary>
    /// Classifies a flow action: deletions, evictions, cordons and scales to zero are destructive and
    /// charged; applies, patches, uncordons, other scales, webhook calls and anything without a cluster are not (null).
    /// </summary>
    public static GuardrailCharge? Of(FlowAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.Cluster is not { } cluster || action.Count == 0)
        {
            return null;
        }

        var verb = action.Verb switch
        {
            FlowActionVerb.Delete => GuardrailVerbs.Delete,
            FlowActionVerb.Evict => GuardrailVerbs.Evict,
            FlowActionVerb.Cordon => GuardrailVerbs.Cordon,
            FlowActionVerb.Scale when action.Details?["replicas"] is { } replicas && replicas.ToJsonString() == "0" => GuardrailVerbs.ScaleToZero,
            _ => null,
        };
        return verb is null ? null : new GuardrailCharge(verb, action.Kind, cluster, action.Count);
    }

    /// <summary>The class in a few words, e.g. <c>evict Pod</c>.</summary>
    public string Class => $"{Verb} {Kind}";
}
