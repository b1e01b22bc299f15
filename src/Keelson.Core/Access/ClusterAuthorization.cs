using System.Security.Claims;

namespace Keelson.Core.Access;

/// <summary>Checks of a caller's role on clusters, for endpoints that read or act on cluster data.</summary>
public static class ClusterAuthorization
{
    /// <summary>Fails with <see cref="ForbiddenException"/> unless the caller holds <paramref name="role"/> on the cluster.</summary>
    public static async Task RequireAsync(this AccessAuthorizer authorizer, ClaimsPrincipal user, Role role, ClusterTarget cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        var decision = await authorizer.AuthorizeAsync(NameOf(user), role, cluster, cancellationToken);
        if (!decision.IsAllowed)
        {
            throw new ForbiddenException(decision.Reason!);
        }
    }

    /// <summary>Fails with <see cref="ForbiddenException"/> unless the caller holds <paramref name="role"/> on Keelson itself.</summary>
    public static async Task RequirePlatformAsync(this AccessAuthorizer authorizer, ClaimsPrincipal user, Role role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        var decision = await authorizer.AuthorizePlatformAsync(NameOf(user), role, cancellationToken);
        if (!decision.IsAllowed)
        {
            throw new ForbiddenException(decision.Reason!);
        }
    }

    /// <summary>Which clusters the caller may view: lists show only those.</summary>
    public static async Task<Func<ClusterTarget, bool>> ViewableAsync(this AccessAuthorizer authorizer, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        var access = await authorizer.GetAccessAsync(NameOf(user), cancellationToken);
        return cluster => access.Authorize(Role.Viewer, cluster).IsAllowed;
    }

    /// <summary>The signed-in user's name.</summary>
    public static string NameOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name ?? throw new ForbiddenException("the request is not signed in");
    }
}
