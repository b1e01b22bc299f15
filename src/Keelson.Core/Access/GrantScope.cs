using System.Text.RegularExpressions;
using Keelson.Kubernetes.Selectors;

namespace Keelson.Core.Access;

/// <summary>
/// Where a grant applies: the platform, all clusters, named clusters, or the clusters whose tags
/// match a label selector (<c>env=production,tier in (1,2)</c>). Immutable; equal when kind and
/// value are equal.
/// </summary>
public sealed partial class GrantScope : IEquatable<GrantScope>
{
    private readonly LabelMatcher? _selector;

    private GrantScope(GrantScopeKind kind, string value, LabelMatcher? selector)
    {
        Kind = kind;
        Value = value;
        _selector = selector;
    }

    /// <summary>Keelson itself: users, teams, grants, everyone's tokens, the audit log.</summary>
    public static GrantScope Platform { get; } = new(GrantScopeKind.Platform, "", null);

    /// <summary>Every cluster, including ones registered later.</summary>
    public static GrantScope AllClusters { get; } = new(GrantScopeKind.AllClusters, "", null);

    /// <summary>What kind of scope this is.</summary>
    public GrantScopeKind Kind { get; }

    /// <summary>The stored value: names joined by ',' for <see cref="GrantScopeKind.Clusters"/>, the selector for <see cref="GrantScopeKind.Selector"/>, else empty.</summary>
    public string Value { get; }

    /// <summary>The named clusters (sorted), empty for other kinds.</summary>
    public IReadOnlyList<string> ClusterNames => Kind == GrantScopeKind.Clusters ? Value.Split(',') : [];

    /// <summary>The selector text, null for other kinds.</summary>
    public string? Selector => Kind == GrantScopeKind.Selector ? Value : null;

    /// <summary>The clusters with these names.</summary>
    /// <exception cref="AccessException">No name given, or a name is not a valid cluster name.</exception>
    public static GrantScope Clusters(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = names.Select(n => n.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            throw new AccessException(AccessErrorKind.Invalid, "a grant on clusters needs at least one cluster name");
        }

        foreach (var name in list.Where(n => !ClusterNamePattern().IsMatch(n)))
        {
            throw new AccessException(AccessErrorKind.Invalid,
                $"\"{name}\" is not a cluster name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit");
        }

        return new GrantScope(GrantScopeKind.Clusters, string.Join(',', list), null);
    }

    /// <summary>The clusters whose tags match <paramref name="selector"/>.</summary>
    /// <exception cref="AccessException">The selector cannot be read; the message quotes the wrong part.</exception>
    public static GrantScope MatchingTags(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var text = selector.Trim();
        try
        {
            return new GrantScope(GrantScopeKind.Selector, text, ParseSelector(text));
        }
        catch (FormatException e)
        {
            throw new AccessException(AccessErrorKind.Invalid, e.Message);
        }
    }

    /// <summary>True when this scope includes <paramref name="cluster"/>; a platform scope includes none.</summary>
    public bool Covers(ClusterTarget cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return Kind switch
        {
            GrantScopeKind.AllClusters => true,
            GrantScopeKind.Clusters => ClusterNames.Contains(cluster.Name, StringComparer.Ordinal),
            GrantScopeKind.Selector => _selector!.Matches(cluster.Tags),
            _ => false,
        };
    }

    /// <summary><c>the platform</c>, <c>all clusters</c>, <c>cluster "a"</c>, <c>clusters "a", "b"</c>, <c>clusters matching env=production</c>.</summary>
    public override string ToString() => Kind switch
    {
        GrantScopeKind.Platform => "the platform",
        GrantScopeKind.AllClusters => "all clusters",
        GrantScopeKind.Clusters => (ClusterNames.Count == 1 ? "cluster " : "clusters ") + string.Join(", ", ClusterNames.Select(n => $"\"{n}\"")),
        _ => $"clusters matching {Value}",
    };

    /// <inheritdoc/>
    public bool Equals(GrantScope? other) => other is not null && Kind == other.Kind && Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as GrantScope);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Value);

    internal string StoredKind => Kind switch
    {
        GrantScopeKind.Platform => "platform",
        GrantScopeKind.AllClusters => "all",
        GrantScopeKind.Clusters => "clusters",
        _ => "selector",
    };

    internal static GrantScope FromStored(string kind, string value) => kind switch
    {
        "platform" => Platform,
        "all" => AllClusters,
        "clusters" => new GrantScope(GrantScopeKind.Clusters, value, null),
        _ => new GrantScope(GrantScopeKind.Selector, value, ParseSelector(value)),
    };

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")]
    private static partial Regex ClusterNamePattern();

    /// <summary>A tag selector in label-selector syntax; empty is refused because "every cluster" has its own scope.</summary>
    /// <exception cref="FormatException">Empty or malformed.</exception>
    private static LabelMatcher ParseSelector(string text) =>
        string.IsNullOrWhiteSpace(text)
            ? throw new FormatException("the selector is empty; to cover every cluster, grant on all clusters instead")
            : LabelMatcher.Parse(text);
}
