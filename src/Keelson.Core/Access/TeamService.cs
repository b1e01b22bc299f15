using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Keelson.Core.Audit;
using Keelson.Storage;

namespace Keelson.Core.Access;

/// <summary>
/// Teams and their members. A team's grants apply to every member. Every change is audited in the
/// same transaction. Thread-safe singleton; callers authorize (platform admin) first.
/// </summary>
public sealed class TeamService(KeelsonDatabase database, AuditLog audit, TimeProvider time)
{
    private readonly AuditedChange _change = new(database, audit);

    /// <summary>Creates an empty team.</summary>
    /// <exception cref="AccessException">The name is not valid (Invalid) or taken (Conflict).</exception>
    public Task<Team> CreateAsync(AuditActor actor, string name, CancellationToken cancellationToken)
    {
        var teamName = AccessNames.Check("team", name);
        return _change.RunAsync(new AuditEntry(actor, "team.create", $"team/{teamName}", AuditOutcome.Success), async (connection, transaction) =>
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            try
            {
                var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "INSERT INTO teams (name, created_at) VALUES (@teamName, @now) RETURNING id", new { teamName, now }, transaction, cancellationToken: cancellationToken));
                return new Team(id, teamName, DateTimeOffset.FromUnixTimeMilliseconds(now), []);
            }
            catch (DbException e) when (KeelsonDatabase.IsUniqueViolation(e))
            {
                throw new AccessException(AccessErrorKind.Conflict, $"team \"{teamName}\" already exists");
            }
        }, cancellationToken);
    }

    /// <summary>Deletes a team, its memberships and its grants.</summary>
    /// <exception cref="AccessException">The team does not exist (NotFound).</exception>
    public Task DeleteAsync(AuditActor actor, string name, CancellationToken cancellationToken)
    {
        var teamName = AccessNames.Normalize(name);
        return _change.RunAsync(new AuditEntry(actor, "team.delete", $"team/{teamName}", AuditOutcome.Success), async (connection, transaction) =>
        {
            var id = await RequireIdAsync(connection, transaction, teamName, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM teams WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken);
    }

    /// <summary>The team and its members, or null.</summary>
    public async Task<Team?> GetAsync(string name, CancellationToken cancellationToken) =>
        (await ReadAsync("WHERE t.name = @name", new { name = AccessNames.Normalize(name) }, cancellationToken)).SingleOrDefault();

    /// <summary>Every team with its members, by name.</summary>
    public Task<IReadOnlyList<Team>> ListAsync(CancellationToken cancellationToken) => ReadAsync("", null, cancellationToken);

    /// <summary>The teams <paramref name="userName"/> belongs to, by name.</summary>
    public Task<IReadOnlyList<Team>> ListForUserAsync(string userName, CancellationToken cancellationToken) =>
        ReadAsync("WHERE t.id IN (SELECT m.team_id FROM team_members m JOIN users u ON u.id = m.user_id WHERE u.name = @userName)",
            new { userName = AccessNames.Normalize(userName) }, cancellationToken);

    /// <summary>Adds a user to a team; adding a member again changes nothing.</summary>
    /// <exception cref="AccessException">The team or user does not exist (NotFound).</exception>
    public Task AddMemberAsync(AuditActor actor, string team, string user, CancellationToken cancellationToken)
    {
        var (teamName, userName) = (AccessNames.Normalize(team), AccessNames.Normalize(user));
        var entry = new AuditEntry(actor, "team.member.add", $"team/{teamName}", AuditOutcome.Success, new JsonObject { ["user"] = userName });
        return _change.RunAsync(entry, async (connection, transaction) =>
        {
            var teamId = await RequireIdAsync(connection, transaction, teamName, cancellationToken);
            var userId = await UserService.RequireIdAsync(connection, transaction, userName, cancellationToken);
            var existing = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM team_members WHERE team_id = @teamId AND user_id = @userId", new { teamId, userId }, transaction, cancellationToken: cancellationToken));
            if (existing == 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO team_members (team_id, user_id, added_at) VALUES (@teamId, @userId, @now)",
                    new { teamId, userId, now = time.GetUtcNow().ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
            }
        }, cancellationToken);
    }

    /// <summary>Removes a user from a team: the team's grants no longer apply to them.</summary>
    /// <exception cref="AccessException">The team or user does not exist, or the user is not a member (NotFound).</exception>
    public Task RemoveMemberAsync(AuditActor actor, string team, string user, CancellationToken cancellationToken)
    {
        var (teamName, userName) = (AccessNames.Normalize(team), AccessNames.Normalize(user));
        var entry = new AuditEntry(actor, "team.member.remove", $"team/{teamName}", AuditOutcome.Success, new JsonObject { ["user"] = userName });
        return _change.RunAsync(entry, async (connection, transaction) =>
        {
            var teamId = await RequireIdAsync(connection, transaction, teamName, cancellationToken);
            var userId = await UserService.RequireIdAsync(connection, transaction, userName, cancellationToken);
            var removed = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM team_members WHERE team_id = @teamId AND user_id = @userId", new { teamId, userId }, transaction, cancellationToken: cancellationToken));
            if (removed == 0)
            {
                throw new AccessException(AccessErrorKind.NotFound, $"user \"{userName}\" is not a member of team \"{teamName}\"");
            }
        }, cancellationToken);
    }

    internal static async Task<long> RequireIdAsync(DbConnection connection, DbTransaction? transaction, string teamName, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM teams WHERE name = @teamName", new { teamName }, transaction, cancellationToken: cancellationToken));
        return id ?? throw new AccessException(AccessErrorKind.NotFound, $"team \"{teamName}\" does not exist");
    }

    private async Task<IReadOnlyList<Team>> ReadAsync(string where, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            "SELECT t.id AS Id, t.name AS Name, t.created_at AS CreatedAt, u.name AS Member FROM teams t " +
            $"LEFT JOIN team_members m ON m.team_id = t.id LEFT JOIN users u ON u.id = m.user_id {where} ORDER BY t.name, u.name",
            parameters,
            cancellationToken: cancellationToken));
        return rows.GroupBy(r => (r.Id, r.Name, r.CreatedAt))
            .Select(g => new Team(g.Key.Id, g.Key.Name, DateTimeOffset.FromUnixTimeMilliseconds(g.Key.CreatedAt), g.Where(r => r.Member is not null).Select(r => r.Member!).ToList()))
            .ToList();
    }

    private sealed record MemberRow(long Id, string Name, long CreatedAt, string? Member);
}
