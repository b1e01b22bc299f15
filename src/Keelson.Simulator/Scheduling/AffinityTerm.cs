using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Selectors;

namespace Keelson.Simulator.Scheduling;

/// <summary>
/// A pod (anti-)affinity term ready to match pods: which namespaces, which labels, and the
/// topology key whose value defines "the same place" (a node, a zone).
/// </summary>
internal sealed class AffinityTerm
{
    private readonly HashSet<string> _namespaces;
    private readonly LabelMatcher _namespaceSelector;

    private AffinityTerm(LabelMatcher selector, HashSet<string> namespaces, LabelMatcher namespaceSelector, string topologyKey)
    {
        Selector = selector;
        _namespaces = namespaces;
        _namespaceSelector = namespaceSelector;
        TopologyKey = topologyKey;
    }

    /// <summary>Which pods the term is about.</summary>
    public LabelMatcher Selector { get; }

    /// <summary>The node label defining the topology domain, e.g. <c>kubernetes.io/hostname</c>.</summary>
    public string TopologyKey { get; }

    /// <summary>The namespaces the term is limited to, or null when a namespace selector may match any.</summary>
    public IReadOnlySet<string>? Namespaces => _namespaceSelector.MatchesNothing ? _namespaces : null;

    /// <summary>
    /// The term of a pod in <paramref name="podNamespace"/>: its own namespace unless the term names
    /// namespaces or has a namespace selector. Namespace selectors see the one label every
    /// namespace carries, <c>kubernetes.io/metadata.name</c> (an empty selector: every namespace).
    /// </summary>
    public static AffinityTerm From(string podNamespace, PodAffinityTerm term)
    {
        var namespaces = new HashSet<string>(term.Namespaces ?? [], StringComparer.Ordinal);
        if (namespaces.Count == 0 && term.NamespaceSelector is null)
        {
            namespaces.Add(podNamespace);
        }

        return new AffinityTerm(
            Matcher(term.LabelSelector),
            namespaces,
            Matcher(term.NamespaceSelector),
            term.TopologyKey ?? "");
    }

    /// <summary>The terms of a list, or null when there are none.</summary>
    public static AffinityTerm[]? All(string podNamespace, IReadOnlyList<PodAffinityTerm>? terms) =>
        terms is { Count: > 0 } ? [.. terms.Select(t => From(podNamespace, t))] : null;

    /// <summary>Whether a pod in <paramref name="namespace"/> with <paramref name="labels"/> is one the term is about.</summary>
    public bool Matches(string @namespace, IReadOnlyDictionary<string, string>? labels) =>
        (_namespaces.Contains(@namespace) ||
         _namespaceSelector.Matches(new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = @namespace })) &&
        Selector.Matches(labels);

    private static LabelMatcher Matcher(LabelSelector? selector)
    {
        try
        {
            return LabelMatcher.FromSelector(selector);
        }
        catch (ArgumentException)
        {
            return LabelMatcher.Nothing; // validation rejects such a pod; until then it matches nothing
        }
    }
}
