using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Keelson.Core.Audit;
using Keelson.Storage;

namespace Keelson.Core.Access;

/// <summary>
/// Role grants: give a user or team viewer, operator or admin over the platform, all clusters, named
/// clusters or clusters matching a tag selector; revoke; list. Every change is audited in the same
/// transaction. Thread-safe singleton; callers authorize (platform admin) first.
/// </summary>
public sealed class GrantService(KeelsonDatabase database, AuditLog audit, TimeProvider time)
{
    private const string Select =
        "SELECT g.id AS Id, u.name AS UserName, t.name AS TeamName, g.role AS Role, g.scope_kind AS ScopeKind, g.scope AS Scope, " +
        "g.created_at AS CreatedAt, g.created_by AS CreatedBy " +
        "FROM role_grants g LEFT JOIN users u ON u.id = g.user_id LEFT JOIN teams t ON t.id = g.team_id";

    private readonly AuditedChange _change = new(database, audit);

    /// <summary>Gives <paramref name="role"/> over <paramref name="scope"/> to <paramref name="subject"/>. Giving an existing grant again returns it unchanged.</summary>
    /// <exception cref="AccessException">The user or team does not exist (NotFound).</exception>
    public Task<RoleGrant> GrantAsync(AuditActor actor, GrantSubject subject, Role role, GrantScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(scope);
        subject = subject with { Name = AccessNames.Normalize(subject.Name) };
        var entry = new AuditEntry(actor, "grant.add", Target(subject), AuditOutcome.Success,
            new JsonObject { ["role"] = Roles.Name(role), ["scope"] = scope.ToString() });
        return _change.RunAsync(entry, async (connection, transaction) =>
        {
            var subjectId = subject.Kind == GrantSubjectKind.User
                ? await UserService.RequireIdAsync(connection, transaction, subject.Name, cancellationToken)
                : await TeamService.RequireIdAsync(connection, transaction, subject.Name, cancellationToken);
            var existing = (await QueryAsync(connection, transaction,
                $"{Select} WHERE g.{SubjectColumn(subject)} = @subjectId AND g.role = @role AND g.scope_kind = @kind AND g.scope = @value",
                new { subjectId, role = Roles.Name(role), kind = scope.StoredKind, value = scope.Value }, cancellationToken)).SingleOrDefault();
            return existing ?? await InsertAsync(connection, transaction, subject, subjectId, role, scope, actor.Name, time.GetUtcNow(), cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Takes a grant away.</summary>
    /// <exception cref="AccessException">No grant has that id (NotFound).</exception>
    public async Task RevokeAsync(AuditActor actor, long grantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        // The audit record names the grant's subject, so read it first.
        RoleGrant? grant;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            grant = (await QueryAsync(connection, null, $"{Select} WHERE g.id = @grantId", new { grantId }, cancellationToken)).SingleOrDefault();
        }

        var entry = new AuditEntry(actor, "grant.remove", grant is null ? $"grant/{grantId}" : Target(grant.Subject), AuditOutcome.Success,
            new JsonObject { ["grant"] = grantId, ["role"] = grant is null ? null : Roles.Name(grant.Role), ["scope"] = grant?.Scope.ToString() });
        await _change.RunAsync(entry, async (c, t) =>
        {
            var deleted = await c.ExecuteAsync(new CommandDefinition("DELETE FROM role_grants WHERE id = @grantId", new { grantId }, t, cancellationToken: cancellationToken));
            if (deleted == 0)
            {
                throw new AccessException(AccessErrorKind.NotFound, $"grant {grantId} does not exist; list the grants to find its id");
            }
        }, cancellationToken);
    }

    /// <summary>The grants given directly to <paramref name="subject"/>, or every grant when null.</summary>
    public async Task<IReadOnlyList<RoleGrant>> ListAsync(GrantSubject? subject, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (subject is null)
        {
            return await QueryAsync(connection, null, $"{Select} ORDER BY g.id", null, cancellationToken);
        }

        var column = subject.Kind == GrantSubjectKind.User ? "u.name" : "t.name";
        return await QueryAsync(connection, null, $"{Select} WHERE {column} = @name ORDER BY g.id", new { name = AccessNames.Normalize(subject.Name) }, cancellationToken);
    }

    /// <summary>The grants that apply to a user: their own and those of every team they belong to.</summary>
    internal static async Task<IReadOnlyList<EffectiveGrant>> EffectiveAsync(DbConnection connection, long userId, CancellationToken cancellationToken)
    {
        var grants = await QueryAsync(connection, null,
            $"{Select} WHERE g.user_id = @userId OR g.team_id IN (SELECT team_id FROM team_members WHERE user_id = @userId) ORDER BY g.id",
            new { userId }, cancellationToken);
        return grants.Select(g => new EffectiveGrant(g, g.Subject.Kind == GrantSubjectKind.Team ? g.Subject.Name : null)).ToList();
    }

    internal static async Task<RoleGrant> InsertAsync(
        DbConnection connection, DbTransaction transaction, GrantSubject subject, long subjectId, Role role, GrantScope scope, string createdBy, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var at = createdAt.ToUnixTimeMilliseconds();
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"INSERT INTO role_grants ({SubjectColumn(subject)}, role, scope_kind, scope, created_at, created_by) " +
            "VALUES (@subjectId, @role, @kind, @value, @at, @createdBy) RETURNING id",
            new { subjectId, role = Roles.Name(role), kind = scope.StoredKind, value = scope.Value, at, createdBy },
            transaction,
            cancellationToken: cancellationToken));
        return new RoleGrant(id, subject, role, scope, DateTimeOffset.FromUnixTimeMilliseconds(at), createdBy);
    }

    private static string SubjectColumn(GrantSubject subject) => subject.Kind == GrantSubjectKind.User ? "user_id" : "team_id";

    private static string Target(GrantSubject subject) => $"{(subject.Kind == GrantSubjectKind.User ? "user" : "team")}/{subject.Name}";

    private static async Task<List<RoleGrant>> QueryAsync(DbConnection connection, DbTransaction? transaction, string sql, object? parameters, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<GrantRow>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToGrant()).ToList();
    }

    private sealed record GrantRow(long Id, string? UserName, string? TeamName, string Role, string ScopeKind, string Scope, long CreatedAt, string CreatedBy)
    {
        public RoleGrant ToGrant() => new(
            Id,
            UserName is not null ? GrantSubject.User(UserName) : GrantSubject.Team(TeamName!),
            Roles.Parse(Role),
            GrantScope.FromStored(ScopeKind, Scope),
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            CreatedBy);
    }
}
