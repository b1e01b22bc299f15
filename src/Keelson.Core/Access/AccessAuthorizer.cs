using Dapper;
using Keelson.Storage;

namespace Keelson.Core.Access;

/// <summary>
/// Answers "may user U act as role R on cluster C?" and "... on the platform?" from the user's grants
/// and their teams' grants. A denial names the missing grant and what the user has, to be shown as the
/// body of an HTTP 403. Thread-safe singleton; reads the database on each call (grants change rarely
/// but must take effect at once).
/// </summary>
public sealed class AccessAuthorizer(KeelsonDatabase database)
{
    /// <summary>Loads everything <paramref name="userName"/> may do, for several checks in one request.</summary>
    public async Task<UserAccess> GetAccessAsync(string userName, CancellationToken cancellationToken)
    {
        var name = AccessNames.Normalize(userName);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<UserState>(new CommandDefinition(
            "SELECT id AS Id, disabled_at AS DisabledAt FROM users WHERE name = @name", new { name }, cancellationToken: cancellationToken));
        if (user is null)
        {
            return new UserAccess(name, exists: false, isDisabled: false, []);
        }

        var grants = await GrantService.EffectiveAsync(connection, user.Id, cancellationToken);
        return new UserAccess(name, exists: true, isDisabled: user.DisabledAt is not null, grants);
    }

    /// <summary>May <paramref name="userName"/> act as <paramref name="role"/> on <paramref name="cluster"/>?</summary>
    public async Task<AccessDecision> AuthorizeAsync(string userName, Role role, ClusterTarget cluster, CancellationToken cancellationToken) =>
        (await GetAccessAsync(userName, cancellationToken)).Authorize(role, cluster);

    /// <summary>May <paramref name="userName"/> act as <paramref name="role"/> on the platform (users, teams, grants, others' tokens, audit)?</summary>
    public async Task<AccessDecision> AuthorizePlatformAsync(string userName, Role role, CancellationToken cancellationToken) =>
        (await GetAccessAsync(userName, cancellationToken)).AuthorizePlatform(role);

    private sealed record UserState(long Id, long? DisabledAt);
}
