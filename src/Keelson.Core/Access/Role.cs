namespace Keelson.Core.Access;

/// <summary>
/// What a grant allows, each role including the ones below it. On clusters: a viewer reads, an
/// operator changes workloads and nodes (releases, drains, flows), an admin also changes the
/// cluster's registration and credentials. On the platform: a viewer reads users, teams, grants
/// and the audit log; an admin manages them and everyone's tokens.
/// </summary>
public enum Role
{
    /// <summary>Read only.</summary>
    Viewer = 1,

    /// <summary>Viewer, plus day-to-day changes.</summary>
    Operator = 2,

    /// <summary>Operator, plus configuration and access.</summary>
    Admin = 3,
}
