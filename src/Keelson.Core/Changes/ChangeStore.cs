using System.Data.Common;
using System.Text.Json;
using Dapper;
using Keelson.Storage;

namespace Keelson.Core.Changes;

/// <summary>The SQL of change control (the same on SQLite and PostgreSQL).</summary>
internal sealed class ChangeStore(KeelsonDatabase database)
{
    private const string ChangeColumns =
        "c.id AS Id, c.flow AS Flow, c.flow_version AS FlowVersion, c.params AS Params, c.description AS Description, c.initiator AS Initiator, " +
        "c.state AS State, c.reason AS Reason, c.scope AS Scope, c.blast_radius AS BlastRadius, c.plan AS Plan, c.checks AS Checks, " +
        "c.run_id AS RunId, r.state AS RunState, c.created_at AS CreatedAt, c.updated_at AS UpdatedAt";

    private const string FromChanges = "FROM changes c LEFT JOIN flow_runs r ON r.id = c.run_id";

    public KeelsonDatabase Database => database;

    // ---- changes -------------------------------------------------------------------------------

    public static async Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, ChangeRow row, IEnumerable<string> clusters, CancellationToken ct)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO changes (flow, flow_version, params, description, initiator, state, reason, scope, blast_radius, plan, checks, created_at, updated_at) " +
            "VALUES (@Flow, @FlowVersion, @Params, @Description, @Initiator, @State, @Reason, @Scope, @BlastRadius, @Plan, @Checks, @CreatedAt, @UpdatedAt) RETURNING id",
            row, transaction, cancellationToken: ct));
        foreach (var cluster in clusters)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO change_clusters (change_id, cluster) VALUES (@id, @cluster)", new { id, cluster }, transaction, cancellationToken: ct));
        }

        return id;
    }

    public static Task SetStateAsync(DbConnection connection, DbTransaction transaction, long id, string state, string? reason, string checks, long now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE changes SET state = @state, reason = @reason, checks = @checks, updated_at = @now WHERE id = @id",
            new { id, state, reason, checks, now }, transaction, cancellationToken: ct));

    /// <summary>Ties an admitted change to its run; false when the change is not (or no longer) admitted.</summary>
    public static async Task<bool> LinkRunAsync(DbConnection connection, DbTransaction transaction, long id, long runId, long now, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE changes SET state = @started, reason = NULL, run_id = @runId, updated_at = @now WHERE id = @id AND state = @admitted",
            new { id, runId, now, started = ChangeStates.Started, admitted = ChangeStates.Admitted }, transaction, cancellationToken: ct)) == 1;

    public async Task<ChangeRow?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ChangeRow>(new CommandDefinition(
            $"SELECT {ChangeColumns} {FromChanges} WHERE c.id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<ChangeRow?> ByRunAsync(long runId, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ChangeRow>(new CommandDefinition(
            $"SELECT {ChangeColumns} {FromChanges} WHERE c.run_id = @runId", new { runId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<ChangeRow>> ListAsync(ChangeQuery query, long? before, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var sql = $"SELECT {ChangeColumns} {FromChanges} WHERE 1 = 1" +
            (before is null ? "" : " AND c.id < @before") +
            (query.Cluster is null ? "" : " AND EXISTS (SELECT 1 FROM change_clusters cc WHERE cc.change_id = c.id AND cc.cluster = @Cluster)") +
            (query.State is null ? "" : " AND COALESCE(r.state, c.state) = @State") +
            (query.Initiator is null ? "" : " AND c.initiator = @Initiator") +
            (query.Flow is null ? "" : " AND c.flow = @Flow") +
            " ORDER BY c.id DESC LIMIT @limit";
        return [.. await connection.QueryAsync<ChangeRow>(new CommandDefinition(sql,
            new { before, query.Cluster, query.State, query.Initiator, query.Flow, limit }, cancellationToken: ct))];
    }

    /// <summary>Other changes in progress on <paramref name="cluster"/>: admitted, or started with a run not finished.</summary>
    public async Task<IReadOnlyList<long>> InProgressAsync(string cluster, long except, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return await InProgressAsync(connection, null, cluster, except, ct);
    }

    /// <summary>The changes admitted or running on <paramref name="cluster"/>, other than <paramref name="except"/>.</summary>
    public static async Task<IReadOnlyList<long>> InProgressAsync(DbConnection connection, DbTransaction? transaction, string cluster, long except, CancellationToken ct) =>
        [.. await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT c.id FROM changes c JOIN change_clusters cc ON cc.change_id = c.id LEFT JOIN flow_runs r ON r.id = c.run_id " +
            "WHERE cc.cluster = @cluster AND c.id <> @except AND (c.state = @admitted OR (c.state = @started AND r.state NOT IN ('succeeded', 'failed', 'cancelled'))) ORDER BY c.id",
            new { cluster, except, admitted = ChangeStates.Admitted, started = ChangeStates.Started }, transaction, cancellationToken: ct))];

    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ClusterTagsAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Name, string Tags)>(new CommandDefinition("SELECT name, tags FROM clusters", cancellationToken: ct));
        return rows.ToDictionary(r => r.Name, r => (IReadOnlyDictionary<string, string>)(JsonSerializer.Deserialize<Dictionary<string, string>>(r.Tags) ?? []), StringComparer.Ordinal);
    }

    // ---- approvals and history -----------------------------------------------------------------

    public static Task InsertApprovalAsync(DbConnection connection, DbTransaction transaction, long changeId, ChangeApproval approval, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO change_approvals (change_id, approver, role, reason, approved_at, expires_at) VALUES (@changeId, @Approver, @Role, @Reason, @at, @until)",
            new { changeId, approval.Approver, approval.Role, approval.Reason, at = approval.ApprovedAt.ToUnixTimeMilliseconds(), until = approval.ExpiresAt.ToUnixTimeMilliseconds() },
            transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<ChangeApproval>> ApprovalsAsync(long changeId, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Approver, string Role, string Reason, long At, long Until)>(new CommandDefinition(
            "SELECT approver, role, reason, approved_at, expires_at FROM change_approvals WHERE change_id = @changeId ORDER BY id", new { changeId }, cancellationToken: ct));
        return [.. rows.Select(r => new ChangeApproval(r.Approver, r.Role, r.Reason, DateTimeOffset.FromUnixTimeMilliseconds(r.At), DateTimeOffset.FromUnixTimeMilliseconds(r.Until)))];
    }

    public static Task InsertEventAsync(DbConnection connection, DbTransaction? transaction, long changeId, long at, string type, string message, string? actor, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO change_events (change_id, at, type, message, actor) VALUES (@changeId, @at, @type, @message, @actor)",
            new { changeId, at, type, message, actor }, transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<ChangeEvent>> EventsAsync(long changeId, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(long At, string Type, string Message, string? Actor)>(new CommandDefinition(
            "SELECT at, type, message, actor FROM change_events WHERE change_id = @changeId ORDER BY id", new { changeId }, cancellationToken: ct));
        return [.. rows.Select(r => new ChangeEvent(DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Type, r.Message, r.Actor))];
    }

    // ---- rules ---------------------------------------------------------------------------------

    public static Task<RuleRow?> RuleAsync(DbConnection connection, DbTransaction? transaction, string name, int? version, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<RuleRow>(new CommandDefinition(
            "SELECT name AS Name, version AS Version, kind AS Kind, definition AS Definition, source AS Source, digest AS Digest, created_at AS CreatedAt, created_by AS CreatedBy " +
            "FROM change_rules WHERE name = @name" + (version is null ? " ORDER BY version DESC LIMIT 1" : " AND version = @version"),
            new { name, version }, transaction, cancellationToken: ct));

    public async Task<RuleRow?> RuleAsync(string name, int? version, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return await RuleAsync(connection, null, name, version, ct);
    }

    public async Task<IReadOnlyList<RuleRow>> LatestRulesAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<RuleRow>(new CommandDefinition(
            "SELECT name AS Name, version AS Version, kind AS Kind, definition AS Definition, source AS Source, digest AS Digest, created_at AS CreatedAt, created_by AS CreatedBy " +
            "FROM change_rules r WHERE version = (SELECT MAX(version) FROM change_rules l WHERE l.name = r.name) ORDER BY name", cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<RuleRow>> RuleVersionsAsync(string name, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<RuleRow>(new CommandDefinition(
            "SELECT name AS Name, version AS Version, kind AS Kind, definition AS Definition, source AS Source, digest AS Digest, created_at AS CreatedAt, created_by AS CreatedBy " +
            "FROM change_rules WHERE name = @name ORDER BY version DESC", new { name }, cancellationToken: ct))];
    }

    public static Task InsertRuleAsync(DbConnection connection, DbTransaction transaction, RuleRow row, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO change_rules (name, version, kind, definition, source, digest, created_at, created_by) VALUES (@Name, @Version, @Kind, @Definition, @Source, @Digest, @CreatedAt, @CreatedBy)",
            row, transaction, cancellationToken: ct));

    /// <summary>A row of <c>change_rules</c>.</summary>
    internal sealed class RuleRow
    {
        public string Name { get; set; } = "";

        public int Version { get; set; }

        public string Kind { get; set; } = "";

        public string Definition { get; set; } = "";

        public string? Source { get; set; }

        public string Digest { get; set; } = "";

        public long CreatedAt { get; set; }

        public string CreatedBy { get; set; } = "";
    }
}
