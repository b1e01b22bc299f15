namespace Keelson.Core.Access;

/// <summary>What a grant covers.</summary>
public enum GrantScopeKind
{
    /// <summary>Keelson itself: users, teams, grants, everyone's tokens, the audit log.</summary>
    Platform,

    /// <summary>Every cluster, including ones registered later.</summary>
    AllClusters,

    /// <summary>The clusters named in the grant.</summary>
    Clusters,

    /// <summary>The clusters whose tags match the grant's label selector.</summary>
    Selector,
}
