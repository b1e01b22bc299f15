namespace Keelson.Core.Access;

/// <summary>
/// Everything one user may do, loaded once (per request) and then asked as often as needed, e.g. for
/// every cluster of a fleet view. Immutable.
/// </summary>
public sealed class UserAccess
{
    internal UserAccess(string userName, bool exists, bool isDisabled, IReadOnlyList<EffectiveGrant> grants)
    {
        UserName = userName;
        Exists = exists;
        IsDisabled = isDisabled;
        Grants = grants;
    }

    /// <summary>The user this is about.</summary>
    public string UserName { get; }

    /// <summary>False when no such user exists (every check is then denied).</summary>
    public bool Exists { get; }

    /// <summary>True when the user is disabled (every check is then denied).</summary>
    public bool IsDisabled { get; }

    /// <summary>The grants that apply: the user's own and their teams'.</summary>
    public IReadOnlyList<EffectiveGrant> Grants { get; }

    /// <summary>May the user act as <paramref name="role"/> on <paramref name="cluster"/>?</summary>
    public AccessDecision Authorize(Role role, ClusterTarget cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return Decide(role, $"cluster \"{cluster.Name}\"", g => g.Grant.Scope.Covers(cluster), g => g.Grant.Scope.Kind != GrantScopeKind.Platform);
    }

    /// <summary>May the user act as <paramref name="role"/> on Keelson itself (users, teams, grants, others' tokens, audit)?</summary>
    public AccessDecision AuthorizePlatform(Role role) =>
        Decide(role, "the platform", g => g.Grant.Scope.Kind == GrantScopeKind.Platform, g => g.Grant.Scope.Kind == GrantScopeKind.Platform);

    /// <summary>The highest role the user has on <paramref name="cluster"/>, or null when none (the cluster is hidden from them).</summary>
    public Role? RoleOn(ClusterTarget cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (!Exists || IsDisabled)
        {
            return null;
        }

        var roles = Grants.Where(g => g.Grant.Scope.Covers(cluster)).Select(g => g.Grant.Role).ToList();
        return roles.Count == 0 ? null : roles.Max();
    }

    private AccessDecision Decide(Role role, string target, Func<EffectiveGrant, bool> covers, Func<EffectiveGrant, bool> sameDomain)
    {
        var need = $"you need {Roles.Name(role)} on {target}";
        if (!Exists)
        {
            return AccessDecision.Denied($"{need}; user \"{UserName}\" does not exist");
        }

        if (IsDisabled)
        {
            return AccessDecision.Denied($"{need}; user \"{UserName}\" is disabled (a platform admin can enable it)");
        }

        var covering = Grants.Where(covers).ToList();
        if (covering.Any(g => g.Grant.Role >= role))
        {
            return AccessDecision.Allowed;
        }

        if (covering.Count > 0)
        {
            return AccessDecision.Denied($"{need}; you have {Describe(covering)}");
        }

        var others = Grants.Where(sameDomain).ToList();
        return AccessDecision.Denied(others.Count == 0
            ? $"{need}; you have no grant that covers it"
            : $"{need}; you have no grant that covers it (you have {Describe(others)})");
    }

    private static string Describe(IEnumerable<EffectiveGrant> grants) => string.Join(" and ", grants.Select(g => g.ToString()));
}
