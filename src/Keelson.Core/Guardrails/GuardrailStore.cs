using System.Data.Common;
using Dapper;
using Keelson.Storage;

namespace Keelson.Core.Guardrails;

/// <summary>
/// The guardrail tables, read and written inside the caller's transaction. Every transaction that
/// charges or changes guardrails takes <see cref="LockAsync"/> first, so charges are serialized
/// across replicas (PostgreSQL: an advisory lock; SQLite: its single writer).
/// </summary>
internal sealed class GuardrailStore(KeelsonDatabase database)
{
    public async Task LockAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (database.Dialect == DatabaseDialect.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKeys.Guardrails }, transaction, cancellationToken: cancellationToken));
        }
    }

    public static async Task<EmergencyBrake> BrakeAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<BrakeRow>(new CommandDefinition(
            "SELECT reason AS Reason, engaged_by AS EngagedBy, engaged_at AS EngagedAt FROM guardrail_brake WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));
        return row is null ? EmergencyBrake.Off : new EmergencyBrake(true, row.Reason, row.EngagedBy, DateTimeOffset.FromUnixTimeMilliseconds(row.EngagedAt));
    }

    public static Task EngageBrakeAsync(DbConnection connection, DbTransaction transaction, string reason, string by, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO guardrail_brake (id, reason, engaged_by, engaged_at) VALUES (1, @reason, @by, @now)",
            new { reason, by, now }, transaction, cancellationToken: cancellationToken));

    public static Task<int> ReleaseBrakeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("DELETE FROM guardrail_brake WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<CircuitRow>> CircuitsAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<string>? scopes, CancellationToken cancellationToken)
    {
        const string Select = "SELECT scope AS Scope, budget AS Budget, reason AS Reason, opened_at AS OpenedAt, run_id AS RunId, flow AS Flow, task AS Task FROM guardrail_circuits";
        var rows = scopes is null
            ? await connection.QueryAsync<CircuitRow>(new CommandDefinition(Select + " ORDER BY scope", transaction: transaction, cancellationToken: cancellationToken))
            : await connection.QueryAsync<CircuitRow>(new CommandDefinition(Select + " WHERE scope = @a OR scope = @b ORDER BY scope", new { a = scopes[0], b = scopes[^1] }, transaction, cancellationToken: cancellationToken));
        return [.. rows];
    }

    public static async Task OpenCircuitAsync(DbConnection connection, DbTransaction transaction, CircuitRow circuit, CancellationToken cancellationToken)
    {
        // A half-open circuit whose probe did not fit opens again, with a fresh cool-down.
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM guardrail_circuits WHERE scope = @Scope", circuit, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO guardrail_circuits (scope, budget, reason, opened_at, run_id, flow, task) VALUES (@Scope, @Budget, @Reason, @OpenedAt, @RunId, @Flow, @Task)",
            circuit, transaction, cancellationToken: cancellationToken));
    }

    public static Task<int> CloseCircuitAsync(DbConnection connection, DbTransaction transaction, string scope, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("DELETE FROM guardrail_circuits WHERE scope = @scope", new { scope }, transaction, cancellationToken: cancellationToken));

    /// <summary>The budgets in force: the defaults, each replaced by an admin's row of the same key, plus the rows that add budgets.</summary>
    public static async Task<IReadOnlyList<GuardrailBudget>> BudgetsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<BudgetRow>(new CommandDefinition(
            "SELECT verb AS Verb, kind AS Kind, scope AS Scope, window_seconds AS WindowSeconds, limit_tokens AS LimitTokens, updated_at AS UpdatedAt, updated_by AS UpdatedBy FROM guardrail_budgets",
            transaction: transaction, cancellationToken: cancellationToken));
        var set = rows.Select(r => new GuardrailBudget(r.Verb, r.Kind, ScopeOf(r.Scope), BudgetWindow.Name(r.WindowSeconds), r.LimitTokens)
        {
            UpdatedBy = r.UpdatedBy,
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAt),
        }).ToDictionary(b => b.Key);
        var budgets = GuardrailDefaults.Budgets.Select(d => set.Remove(d.Key, out var changed) ? changed : d).ToList();
        budgets.AddRange(set.Values.OrderBy(b => b.Verb, StringComparer.Ordinal).ThenBy(b => b.Kind, StringComparer.Ordinal).ThenBy(b => b.Scope).ThenBy(b => BudgetWindow.Seconds(b.Window)));
        return budgets;
    }

    public static Task SetBudgetAsync(DbConnection connection, DbTransaction transaction, GuardrailBudget budget, string by, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM guardrail_budgets WHERE verb = @verb AND kind = @kind AND scope = @scope AND window_seconds = @window; " +
            "INSERT INTO guardrail_budgets (verb, kind, scope, window_seconds, limit_tokens, updated_at, updated_by) VALUES (@verb, @kind, @scope, @window, @limit, @now, @by)",
            new { verb = budget.Verb, kind = budget.Kind, scope = ScopeText(budget.Scope), window = BudgetWindow.Seconds(budget.Window), limit = budget.Limit, now, by },
            transaction, cancellationToken: cancellationToken));

    public static Task<int> RemoveBudgetAsync(DbConnection connection, DbTransaction transaction, string verb, string kind, BudgetScope scope, long windowSeconds, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM guardrail_budgets WHERE verb = @verb AND kind = @kind AND scope = @scope AND window_seconds = @windowSeconds",
            new { verb, kind, scope = ScopeText(scope), windowSeconds }, transaction, cancellationToken: cancellationToken));

    /// <summary>Tokens charged since <paramref name="since"/> (exclusive) to actions <paramref name="budget"/> covers, on <paramref name="cluster"/> or (null) anywhere.</summary>
    public static Task<long> UsedAsync(DbConnection connection, DbTransaction? transaction, GuardrailBudget budget, string? cluster, long since, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT CAST(COALESCE(SUM(tokens), 0) AS BIGINT) FROM guardrail_charges WHERE verb = @verb AND (@kind = '*' OR kind = @kind) AND at > @since" +
            (cluster is null ? "" : " AND cluster = @cluster"),
            new { verb = budget.Verb, kind = budget.Kind, since, cluster }, transaction, cancellationToken: cancellationToken));

    /// <summary>Every charge still inside the longest window, for listing what budgets have used.</summary>
    public static async Task<IReadOnlyList<ChargeRow>> RecentChargesAsync(DbConnection connection, long since, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<ChargeRow>(new CommandDefinition(
            "SELECT at AS At, cluster AS Cluster, verb AS Verb, kind AS Kind, tokens AS Tokens FROM guardrail_charges WHERE at > @since", new { since }, cancellationToken: cancellationToken))];

    public static async Task ChargeAsync(DbConnection connection, DbTransaction transaction, GuardrailCharge charge, long? runId, long now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO guardrail_charges (at, cluster, verb, kind, tokens, run_id) VALUES (@now, @Cluster, @Verb, @Kind, @Tokens, @runId)",
            new { now, charge.Cluster, charge.Verb, charge.Kind, charge.Tokens, runId }, transaction, cancellationToken: cancellationToken));

        // Nothing older than the longest window counts any more.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM guardrail_charges WHERE at <= @cutoff", new { cutoff = now - (long)BudgetWindow.Longest.TotalMilliseconds }, transaction, cancellationToken: cancellationToken));
    }

    public static string ScopeText(BudgetScope scope) => scope == BudgetScope.Fleet ? "fleet" : "cluster";

    private static BudgetScope ScopeOf(string text) => text == "fleet" ? BudgetScope.Fleet : BudgetScope.Cluster;

    internal sealed class CircuitRow
    {
        public string Scope { get; set; } = "";

        public string Budget { get; set; } = "";

        public string Reason { get; set; } = "";

        public long OpenedAt { get; set; }

        public long? RunId { get; set; }

        public string? Flow { get; set; }

        public string? Task { get; set; }
    }

    internal sealed class ChargeRow
    {
        public long At { get; set; }

        public string Cluster { get; set; } = "";

        public string Verb { get; set; } = "";

        public string Kind { get; set; } = "";

        public long Tokens { get; set; }
    }

    private sealed class BrakeRow
    {
        public string Reason { get; set; } = "";

        public string EngagedBy { get; set; } = "";

        public long EngagedAt { get; set; }
    }

    private sealed class BudgetRow
    {
        public string Verb { get; set; } = "";

        public string Kind { get; set; } = "";

        public string Scope { get; set; } = "";

        public long WindowSeconds { get; set; }

        public long? LimitTokens { get; set; }

        public long UpdatedAt { get; set; }

        public string UpdatedBy { get; set; } = "";
    }
}
