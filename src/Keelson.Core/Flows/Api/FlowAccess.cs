using System.Security.Claims;
using Keelson.Core.Access;
using Keelson.Core.Clusters;

namespace Keelson.Core.Flows.Api;

/// <summary>
/// Who may do what with flows and runs, on the existing grant model: acting on a run (starting it,
/// pausing, approving...) needs operator on every cluster it targets; reading a run or planning one
/// needs viewer on them. A run whose targets are known only while it runs needs the role on every
/// registered cluster; a run that targets no cluster needs the role on some cluster or on the platform.
/// </summary>
/// <param name="authorizer">The grant model.</param>
/// <param name="registry">The registered clusters (their tags decide selector grants).</param>
public sealed class FlowAccess(AccessAuthorizer authorizer, ClusterRegistry registry)
{
    /// <summary>Fails with <see cref="ForbiddenException"/> unless the caller holds <paramref name="role"/> on every target.</summary>
    /// <param name="user">The caller.</param>
    /// <param name="role">The role needed.</param>
    /// <param name="targets">The run's targets.</param>
    /// <param name="what">What the caller asks for, e.g. <c>to start flow drain-node</c>, for the message.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task RequireAsync(ClaimsPrincipal user, Role role, RunTargets targets, string what, CancellationToken cancellationToken)
    {
        var access = await authorizer.GetAccessAsync(ClusterAuthorization.NameOf(user), cancellationToken);
        if (Decide(access, role, targets, await TagsAsync(cancellationToken), what) is { } reason)
        {
            throw new ForbiddenException(reason);
        }
    }

    /// <summary>A predicate for lists: may the caller read a run with these targets?</summary>
    public async Task<Func<RunTargets, bool>> ViewerAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var access = await authorizer.GetAccessAsync(ClusterAuthorization.NameOf(user), cancellationToken);
        var tags = await TagsAsync(cancellationToken);
        return targets => Decide(access, Role.Viewer, targets, tags, "") is null;
    }

    /// <summary>
    /// Flow definitions are platform configuration shared by every team: reading them needs viewer
    /// on some cluster or on the platform; applying them needs operator on the platform.
    /// </summary>
    public async Task RequireDefinitionsAsync(ClaimsPrincipal user, Role role, CancellationToken cancellationToken)
    {
        var access = await authorizer.GetAccessAsync(ClusterAuthorization.NameOf(user), cancellationToken);
        if (role == Role.Viewer)
        {
            if (access.AuthorizePlatform(Role.Viewer).IsAllowed || (access.Exists && !access.IsDisabled && access.Grants.Count > 0))
            {
                return;
            }

            throw new ForbiddenException($"you need viewer on a cluster or on the platform to read flow definitions; {(access.IsDisabled ? "your user is disabled" : "you have no grant")}");
        }

        var decision = access.AuthorizePlatform(role);
        if (!decision.IsAllowed)
        {
            throw new ForbiddenException($"{decision.Reason} to apply flow definitions (they are shared by every team; ask a platform admin for the grant, or to apply it)");
        }
    }

    private async Task<Dictionary<string, ClusterTarget>> TagsAsync(CancellationToken cancellationToken) =>
        (await registry.ListAsync(cancellationToken)).ToDictionary(c => c.Name, ClusterEndpoints.Target, StringComparer.Ordinal);

    private static string? Decide(UserAccess access, Role role, RunTargets targets, Dictionary<string, ClusterTarget> registered, string what)
    {
        if (targets.IsClosed && targets.Clusters.Count == 0)
        {
            if (access.AuthorizePlatform(role).IsAllowed || registered.Values.Any(c => access.Authorize(role, c).IsAllowed))
            {
                return null;
            }

            return $"you need {Roles.Name(role)} on a cluster or on the platform {what} (the flow acts on no cluster)".Replace("  ", " ", StringComparison.Ordinal);
        }

        var needed = targets.Clusters.Select(name => registered.TryGetValue(name, out var c) ? c : new ClusterTarget(name));
        if (!targets.IsClosed)
        {
            needed = needed.Concat(registered.Values).DistinctBy(c => c.Name);
        }

        foreach (var cluster in needed)
        {
            var decision = access.Authorize(role, cluster);
            if (!decision.IsAllowed)
            {
                var why = targets.IsClosed
                    ? $" ({what.Trim()}: it acts on {string.Join(", ", targets.Clusters)})"
                    : $" ({what.Trim()}: its clusters are known only while it runs — {targets.Open[0]} — so it needs {Roles.Name(role)} on every registered cluster)";
                return decision.Reason + (what.Length == 0 ? "" : why);
            }
        }

        return null;
    }
}
