using System.Globalization;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Scheduling;

/// <summary>
/// Matches a node against a pod's <c>nodeSelector</c> and node affinity terms, as
/// k8s.io/component-helpers' node affinity does: terms are ORed, the requirements of a term
/// ANDed; <c>matchFields</c> supports <c>metadata.name</c> only (DaemonSet pods are pinned with it).
/// </summary>
internal static class NodeSelectorMatcher
{
    /// <summary>Whether every <c>nodeSelector</c> pair is among the node's labels.</summary>
    public static bool MatchesSelector(IReadOnlyDictionary<string, string>? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null)
        {
            return true;
        }

        foreach (var (key, value) in selector)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether any term matches; a selector without terms matches nothing, as in kube.</summary>
    public static bool MatchesAnyTerm(IReadOnlyList<NodeSelectorTerm> terms, string nodeName, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var term in terms)
        {
            if (MatchesTerm(term, nodeName, labels))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a term matches: all its expressions and fields; an empty term matches nothing.</summary>
    public static bool MatchesTerm(NodeSelectorTerm term, string nodeName, IReadOnlyDictionary<string, string> labels)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false;
        }

        foreach (var requirement in expressions)
        {
            if (!Matches(requirement, labels.TryGetValue(requirement.Key ?? "", out var value), value))
            {
                return false;
            }
        }

        foreach (var requirement in fields)
        {
            if (requirement.Key != "metadata.name" || !Matches(requirement, true, nodeName))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The node names a term list pins the pod to with <c>matchFields metadata.name In</c> in every term, or null.</summary>
    public static HashSet<string>? PinnedNodeNames(IReadOnlyList<NodeSelectorTerm> terms)
    {
        HashSet<string>? names = null;
        foreach (var term in terms)
        {
            var pin = term.MatchFields?.FirstOrDefault(f => f.Key == "metadata.name" && f.Operator == "In");
            if (pin?.Values is null)
            {
                return null;
            }

            names ??= new HashSet<string>(StringComparer.Ordinal);
            names.UnionWith(pin.Values);
        }

        return names;
    }

    private static bool Matches(NodeSelectorRequirement requirement, bool present, string? value)
    {
        var values = requirement.Values ?? [];
        return requirement.Operator switch
        {
            "In" => present && values.Contains(value!),
            "NotIn" => !present || !values.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            "Gt" => present && values.Count == 1 && Compare(value!, values[0]) > 0,
            "Lt" => present && values.Count == 1 && Compare(value!, values[0]) < 0,
            _ => false,
        };
    }

    /// <summary>Gt and Lt compare integers; a value that is not one fails the requirement.</summary>
    private static int Compare(string actual, string bound) =>
        long.TryParse(actual, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a) &&
        long.TryParse(bound, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b)
            ? a.CompareTo(b)
            : 0;
}
