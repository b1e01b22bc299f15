namespace Keelson.Core.Access;

/// <summary>
/// Authorization policies for platform endpoints, e.g. <c>.RequireAuthorization(KeelsonPolicies.PlatformAdmin)</c>.
/// Every endpoint without a policy still requires a signed-in user (the fallback policy); mark the
/// sign-in page and health checks <c>AllowAnonymous</c>. Cluster endpoints ask
/// <see cref="AccessAuthorizer"/> with the cluster's name and tags and answer 403 with the decision's reason.
/// </summary>
public static class KeelsonPolicies
{
    /// <summary>Viewer on the platform: read users, teams, grants and the audit log.</summary>
    public const string PlatformViewer = "keelson:platform:viewer";

    /// <summary>Operator on the platform.</summary>
    public const string PlatformOperator = "keelson:platform:operator";

    /// <summary>Admin on the platform: manage users, teams, grants and everyone's tokens.</summary>
    public const string PlatformAdmin = "keelson:platform:admin";
}
