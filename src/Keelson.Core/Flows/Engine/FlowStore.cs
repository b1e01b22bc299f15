using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Keelson.Storage;

namespace Keelson.Core.Flows.Engine;

/// <summary>
/// Every statement of the flow engine. Writes take the caller's connection and transaction (the
/// engine batches them, see <see cref="WriteBatcher"/>); reads open their own connection.
/// </summary>
internal sealed class FlowStore(KeelsonDatabase database)
{
    public const string TaskColumns =
        "run_id AS RunId, name AS Name, item AS Item, state AS State, attempt AS Attempt, generation AS Generation, " +
        "item_value AS ItemValue, inputs AS Inputs, outputs AS Outputs, error AS Error, error_kind AS ErrorKind, " +
        "executor_state AS ExecutorState, wait_kind AS WaitKind, wait_reason AS WaitReason, wake_at AS WakeAt, " +
        "deadline_at AS DeadlineAt, ready_at AS ReadyAt, started_at AS StartedAt, finished_at AS FinishedAt, wave AS Wave";

    public const string RunColumns =
        "id AS Id, flow AS Flow, version AS Version, params AS Params, state AS State, reason AS Reason, priority AS Priority, " +
        "parent_run AS ParentRun, parent_task AS ParentTask, created_at AS CreatedAt, created_by AS CreatedBy, " +
        "started_at AS StartedAt, finished_at AS FinishedAt, lease_owner AS LeaseOwner, lease_epoch AS LeaseEpoch";

    private const string CommandColumns =
        "c.id AS Id, c.run_id AS RunId, c.type AS Type, c.task AS Task, c.item AS Item, c.reason AS Reason, c.actor AS Actor, " +
        "c.source_ip AS SourceIp, c.applied_at AS AppliedAt, c.outcome AS Outcome, c.message AS Message";

    private const string DefinitionColumns =
        "name AS Name, version AS Version, definition AS Definition, source AS Source, digest AS Digest, created_at AS CreatedAt, created_by AS CreatedBy";

    // Rows per multi-row statement: a few parameters each, well under SQLite's and PostgreSQL's limits.
    private const int FenceBatch = 300;
    private const int EventBatch = 500;

    public KeelsonDatabase Database => database;

    // ---- definitions -------------------------------------------------------------------------

    public async Task<DefinitionRow?> DefinitionAsync(string name, int? version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await DefinitionAsync(connection, null, name, version, cancellationToken);
    }

    public static Task<DefinitionRow?> DefinitionAsync(DbConnection connection, DbTransaction? transaction, string name, int? version, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<DefinitionRow>(new CommandDefinition(
            version is null
                ? $"SELECT {DefinitionColumns} FROM flow_definitions WHERE name = @name ORDER BY version DESC LIMIT 1"
                : $"SELECT {DefinitionColumns} FROM flow_definitions WHERE name = @name AND version = @version",
            new { name, version }, transaction, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<DefinitionRow>> LatestDefinitionsAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DefinitionRow>(new CommandDefinition(
            $"SELECT {DefinitionColumns} FROM flow_definitions d WHERE version = (SELECT MAX(version) FROM flow_definitions WHERE name = d.name) " +
            "AND (@after IS NULL OR name > @after) ORDER BY name LIMIT @limit",
            new { after, limit }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    public async Task<IReadOnlyList<DefinitionRow>> VersionsAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DefinitionRow>(new CommandDefinition(
            $"SELECT {DefinitionColumns} FROM flow_definitions WHERE name = @name ORDER BY version DESC", new { name }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    public static Task InsertDefinitionAsync(DbConnection connection, DbTransaction transaction, DefinitionRow row, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO flow_definitions (name, version, definition, source, digest, created_at, created_by) " +
            "VALUES (@Name, @Version, @Definition, @Source, @Digest, @CreatedAt, @CreatedBy)",
            row, transaction, cancellationToken: cancellationToken));

    // ---- runs --------------------------------------------------------------------------------

    public static Task<long> InsertRunAsync(DbConnection connection, DbTransaction transaction, RunRow run, long now, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO flow_runs (flow, version, params, state, priority, parent_run, parent_task, created_at, created_by, updated_at) " +
            "VALUES (@Flow, @Version, @Params, @State, @Priority, @ParentRun, @ParentTask, @CreatedAt, @CreatedBy, @now) RETURNING id",
            new { run.Flow, run.Version, run.Params, run.State, run.Priority, run.ParentRun, run.ParentTask, run.CreatedAt, run.CreatedBy, now },
            transaction, cancellationToken: cancellationToken));

    public async Task<(RunRow Run, List<TaskRow> Tasks)?> RunAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var run = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            $"SELECT {RunColumns} FROM flow_runs WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        if (run is null)
        {
            return null;
        }

        var tasks = await connection.QueryAsync<TaskRow>(new CommandDefinition(
            $"SELECT {TaskColumns} FROM flow_tasks WHERE run_id = @id", new { id }, cancellationToken: cancellationToken));
        return (run, tasks.ToList());
    }

    public async Task<IReadOnlyList<RunRow>> RunsAsync(string? flow, string? state, long? before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(
            $"SELECT {RunColumns} FROM flow_runs WHERE (@flow IS NULL OR flow = @flow) AND (@state IS NULL OR state = @state) " +
            "AND (@before IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit",
            new { flow, state, before, limit }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>Claims up to <paramref name="limit"/> runs that need an owner, highest priority first.</summary>
    /// <param name="owner">The claiming replica.</param>
    /// <param name="now">The time, for lease expiry.</param>
    /// <param name="expires">The new leases' expiry.</param>
    /// <param name="limit">How many at most.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <remarks>
    /// PostgreSQL: runs without a live lease, locked with SKIP LOCKED so replicas claiming at once take
    /// different runs. SQLite runs one replica, so every run not already its own is claimed at once: a
    /// restarted process continues its runs without waiting for the old leases to expire.
    /// </remarks>
    public async Task<IReadOnlyList<RunRow>> ClaimAsync(string owner, long now, long expires, int limit, CancellationToken cancellationToken)
    {
        var sql = database.Dialect == DatabaseDialect.Postgres
            ? "UPDATE flow_runs SET lease_owner = @owner, lease_epoch = lease_epoch + 1, lease_expires_at = @expires WHERE id IN (" +
              "SELECT id FROM flow_runs WHERE (finished_at IS NULL OR pending_commands > 0) AND (lease_owner IS NULL OR lease_expires_at < @now) " +
              "ORDER BY priority DESC, id LIMIT @limit FOR UPDATE SKIP LOCKED) " +
              $"RETURNING {RunColumns}"
            : "UPDATE flow_runs SET lease_owner = @owner, lease_epoch = lease_epoch + 1, lease_expires_at = @expires WHERE id IN (" +
              "SELECT id FROM flow_runs WHERE (finished_at IS NULL OR pending_commands > 0) AND (lease_owner IS NULL OR lease_owner <> @owner) " +
              "ORDER BY priority DESC, id LIMIT @limit) " +
              $"RETURNING {RunColumns}";
        return await database.InTransactionAsync(async (connection, transaction) =>
            (IReadOnlyList<RunRow>)[.. await connection.QueryAsync<RunRow>(new CommandDefinition(sql, new { owner, now, expires, limit }, transaction, cancellationToken: cancellationToken))],
            cancellationToken);
    }

    public async Task<List<TaskRow>> TasksOfAsync(IReadOnlyCollection<long> runIds, CancellationToken cancellationToken)
    {
        var tasks = new List<TaskRow>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        foreach (var chunk in runIds.Chunk(500))
        {
            tasks.AddRange(await connection.QueryAsync<TaskRow>(new CommandDefinition(
                $"SELECT {TaskColumns} FROM flow_tasks WHERE run_id IN ({string.Join(",", chunk)})", cancellationToken: cancellationToken)));
        }

        return tasks;
    }

    /// <summary>Renews this replica's leases and returns the runs it still owns.</summary>
    public Task<HashSet<long>> HeartbeatAsync(string owner, long expires, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
            (await connection.QueryAsync<long>(new CommandDefinition(
                "UPDATE flow_runs SET lease_expires_at = @expires WHERE lease_owner = @owner RETURNING id",
                new { owner, expires }, transaction, cancellationToken: cancellationToken))).ToHashSet(),
            cancellationToken);

    /// <summary>Gives up one run (its driver ended), so it is claimed afresh when it needs an owner again.</summary>
    public Task ReleaseRunAsync(RunLease lease, CancellationToken cancellationToken) =>
        database.InTransactionAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flow_runs SET lease_owner = NULL, lease_expires_at = NULL WHERE id = @RunId AND lease_owner = @Owner AND lease_epoch = @Epoch",
            lease, transaction, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Gives up this replica's leases (on a clean shutdown), so another replica continues at once.</summary>
    public Task ReleaseAsync(string owner, CancellationToken cancellationToken) =>
        database.InTransactionAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flow_runs SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = @owner",
            new { owner }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Whether <paramref name="lease"/> still holds; later statements of the transaction may then write for the run.</summary>
    public static async Task<bool> FenceAsync(DbConnection connection, DbTransaction transaction, RunLease lease, long now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flow_runs SET updated_at = @now WHERE id = @RunId AND lease_owner = @Owner AND lease_epoch = @Epoch",
            new { now, lease.RunId, lease.Owner, lease.Epoch }, transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>
    /// <see cref="FenceAsync(DbConnection, DbTransaction, RunLease, long, CancellationToken)"/> for many leases in one
    /// statement (per few hundred); returns those that hold.
    /// </summary>
    public static async Task<HashSet<RunLease>> FenceAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RunLease> leases, long now, CancellationToken cancellationToken)
    {
        var held = new HashSet<RunLease>();
        foreach (var chunk in leases.Chunk(FenceBatch))
        {
            var sql = new StringBuilder("UPDATE flow_runs SET updated_at = @now WHERE ");
            var parameters = new DynamicParameters();
            parameters.Add("now", now);
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "" : " OR ").Append(CultureInfo.InvariantCulture, $"(id = @r{i} AND lease_owner = @o{i} AND lease_epoch = @e{i})");
                parameters.Add($"r{i}", chunk[i].RunId);
                parameters.Add($"o{i}", chunk[i].Owner);
                parameters.Add($"e{i}", chunk[i].Epoch);
            }

            sql.Append(" RETURNING id AS RunId, lease_owner AS Owner, lease_epoch AS Epoch");
            foreach (var lease in await connection.QueryAsync<(long RunId, string Owner, long Epoch)>(new CommandDefinition(sql.ToString(), parameters, transaction, cancellationToken: cancellationToken)))
            {
                held.Add(new RunLease(lease.RunId, lease.Owner, lease.Epoch));
            }
        }

        return held;
    }

    public static Task SetRunStateAsync(DbConnection connection, DbTransaction transaction, long runId, string state, string? reason, long now, CancellationToken cancellationToken)
    {
        var finished = RunStates.IsFinished(state);
        return connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flow_runs SET state = @state, reason = @reason, updated_at = @now, " +
            "started_at = CASE WHEN started_at IS NULL AND @state <> 'pending' THEN @now ELSE started_at END, " +
            (finished ? "finished_at = @now, lease_owner = NULL, lease_expires_at = NULL " : "finished_at = NULL ") +
            "WHERE id = @runId",
            new { runId, state, reason, now }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Marks a running run braked (a run cancelled or paused meanwhile stays as it is).</summary>
    public static Task BrakeRunAsync(DbConnection connection, DbTransaction transaction, long runId, string reason, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flow_runs SET state = 'braked', reason = @reason, updated_at = @now WHERE id = @runId AND state = 'running'",
            new { runId, reason, now }, transaction, cancellationToken: cancellationToken));

    /// <summary>Cancels every task of the run that has not ended.</summary>
    public static Task CancelTasksAsync(DbConnection connection, DbTransaction transaction, long runId, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flow_tasks SET state = 'cancelled', finished_at = @now, wake_at = NULL WHERE run_id = @runId AND state IN ('pending', 'running', 'waiting')",
            new { runId, now }, transaction, cancellationToken: cancellationToken));

    // ---- tasks -------------------------------------------------------------------------------

    public static Task InsertTaskAsync(DbConnection connection, DbTransaction transaction, TaskRow row, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO flow_tasks (run_id, name, item, state, attempt, generation, item_value, inputs, outputs, error, error_kind, executor_state, " +
            "wait_kind, wait_reason, wake_at, deadline_at, ready_at, started_at, finished_at, wave) VALUES (@RunId, @Name, @Item, @State, @Attempt, " +
            "@Generation, @ItemValue, @Inputs, @Outputs, @Error, @ErrorKind, @ExecutorState, @WaitKind, @WaitReason, @WakeAt, @DeadlineAt, " +
            "@ReadyAt, @StartedAt, @FinishedAt, @Wave)",
            row, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Writes <paramref name="row"/> over the stored row if that is still in <paramref name="expectedState"/>
    /// at <paramref name="expectedAttempt"/>: a change decided on a stale view (a task cancelled meanwhile) is dropped.
    /// </summary>
    public static async Task<bool> SaveTaskAsync(DbConnection connection, DbTransaction transaction, TaskRow row, string expectedState, int expectedAttempt, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(row);
        parameters.Add("expectedState", expectedState);
        parameters.Add("expectedAttempt", expectedAttempt);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flow_tasks SET state = @State, attempt = @Attempt, generation = @Generation, item_value = @ItemValue, inputs = @Inputs, " +
            "outputs = @Outputs, error = @Error, error_kind = @ErrorKind, executor_state = @ExecutorState, wait_kind = @WaitKind, " +
            "wait_reason = @WaitReason, wake_at = @WakeAt, deadline_at = @DeadlineAt, ready_at = @ReadyAt, started_at = @StartedAt, " +
            "finished_at = @FinishedAt, wave = @Wave WHERE run_id = @RunId AND name = @Name AND item = @Item AND state = @expectedState AND attempt = @expectedAttempt",
            parameters, transaction, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// <see cref="SaveTaskAsync"/> for many rows: on PostgreSQL one statement for all of them (the rows
    /// travel as arrays), on SQLite, which has no round trips to save, one statement each.
    /// </summary>
    /// <returns>Per save, whether the stored row was in its expected state and was written.</returns>
    public static async Task<bool[]> SaveTasksAsync(DbConnection connection, DbTransaction transaction, DatabaseDialect dialect, IReadOnlyList<TaskSave> saves, CancellationToken cancellationToken)
    {
        var saved = new bool[saves.Count];
        if (dialect != DatabaseDialect.Postgres || saves.Count == 1)
        {
            for (var i = 0; i < saves.Count; i++)
            {
                saved[i] = await SaveTaskAsync(connection, transaction, saves[i].Row, saves[i].ExpectedState, saves[i].ExpectedAttempt, cancellationToken);
            }

            return saved;
        }

        T[] Column<T>(Func<TaskSave, T> value) => [.. saves.Select(value)];
        var parameters = new DynamicParameters();
        parameters.Add("run_id", Column(s => s.Row.RunId));
        parameters.Add("name", Column(s => s.Row.Name));
        parameters.Add("item", Column(s => s.Row.Item));
        parameters.Add("state", Column(s => s.Row.State));
        parameters.Add("attempt", Column(s => s.Row.Attempt));
        parameters.Add("generation", Column(s => s.Row.Generation));
        parameters.Add("item_value", Column(s => s.Row.ItemValue));
        parameters.Add("inputs", Column(s => s.Row.Inputs));
        parameters.Add("outputs", Column(s => s.Row.Outputs));
        parameters.Add("error", Column(s => s.Row.Error));
        parameters.Add("error_kind", Column(s => s.Row.ErrorKind));
        parameters.Add("executor_state", Column(s => s.Row.ExecutorState));
        parameters.Add("wait_kind", Column(s => s.Row.WaitKind));
        parameters.Add("wait_reason", Column(s => s.Row.WaitReason));
        parameters.Add("wake_at", Column(s => s.Row.WakeAt));
        parameters.Add("deadline_at", Column(s => s.Row.DeadlineAt));
        parameters.Add("ready_at", Column(s => s.Row.ReadyAt));
        parameters.Add("started_at", Column(s => s.Row.StartedAt));
        parameters.Add("finished_at", Column(s => s.Row.FinishedAt));
        parameters.Add("wave", Column(s => s.Row.Wave));
        parameters.Add("expected_state", Column(s => s.ExpectedState));
        parameters.Add("expected_attempt", Column(s => s.ExpectedAttempt));
        var written = await connection.QueryAsync<(long RunId, string Name, int Item)>(new CommandDefinition(
            "UPDATE flow_tasks AS t SET state = v.state, attempt = v.attempt, generation = v.generation, item_value = v.item_value, " +
            "inputs = v.inputs, outputs = v.outputs, error = v.error, error_kind = v.error_kind, executor_state = v.executor_state, " +
            "wait_kind = v.wait_kind, wait_reason = v.wait_reason, wake_at = v.wake_at, deadline_at = v.deadline_at, ready_at = v.ready_at, " +
            "started_at = v.started_at, finished_at = v.finished_at, wave = v.wave " +
            "FROM unnest(@run_id::bigint[], @name::text[], @item::integer[], @state::text[], @attempt::integer[], @generation::integer[], " +
            "@item_value::text[], @inputs::text[], @outputs::text[], @error::text[], @error_kind::text[], @executor_state::text[], " +
            "@wait_kind::text[], @wait_reason::text[], @wake_at::bigint[], @deadline_at::bigint[], @ready_at::bigint[], @started_at::bigint[], " +
            "@finished_at::bigint[], @wave::text[], @expected_state::text[], @expected_attempt::integer[]) " +
            "AS v(run_id, name, item, state, attempt, generation, item_value, inputs, outputs, error, error_kind, executor_state, " +
            "wait_kind, wait_reason, wake_at, deadline_at, ready_at, started_at, finished_at, wave, expected_state, expected_attempt) " +
            "WHERE t.run_id = v.run_id AND t.name = v.name AND t.item = v.item AND t.state = v.expected_state AND t.attempt = v.expected_attempt " +
            "RETURNING t.run_id, t.name, t.item",
            parameters, transaction, cancellationToken: cancellationToken));
        var keys = written.ToHashSet();
        for (var i = 0; i < saves.Count; i++)
        {
            saved[i] = keys.Contains((saves[i].Row.RunId, saves[i].Row.Name, saves[i].Row.Item));
        }

        return saved;
    }

    /// <summary>Keeps a running step's executor state with the intent it records, so a restarted step knows what it had seen.</summary>
    public static Task SaveExecutorStateAsync(DbConnection connection, DbTransaction transaction, long runId, string name, int item, string state, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flow_tasks SET executor_state = @state WHERE run_id = @runId AND name = @name AND item = @item AND state = 'running'",
            new { runId, name, item, state }, transaction, cancellationToken: cancellationToken));

    public static Task DeleteTaskAsync(DbConnection connection, DbTransaction transaction, long runId, string name, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM flow_tasks WHERE run_id = @runId AND name = @name", new { runId, name }, transaction, cancellationToken: cancellationToken));

    public static Task DeleteTaskItemsAsync(DbConnection connection, DbTransaction transaction, long runId, string name, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM flow_tasks WHERE run_id = @runId AND name = @name AND item >= 0", new { runId, name }, transaction, cancellationToken: cancellationToken));

    // ---- intents -----------------------------------------------------------------------------

    public async Task<IntentRow?> IntentAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<IntentRow>(new CommandDefinition(
            "SELECT key AS Key, state AS State, result AS Result, error AS Error FROM flow_intents WHERE key = @key",
            new { key }, cancellationToken: cancellationToken));
    }

    public static Task RecordIntentAsync(DbConnection connection, DbTransaction transaction, string key, long runId, string task, string? action, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            // A failed intent is tried again under the same key.
            "INSERT INTO flow_intents (key, run_id, task, action, state, created_at) VALUES (@key, @runId, @task, @action, 'pending', @now) " +
            "ON CONFLICT (key) DO UPDATE SET state = 'pending', error = NULL, created_at = @now",
            new { key, runId, task, action, now }, transaction, cancellationToken: cancellationToken));

    public static Task FinishIntentAsync(DbConnection connection, DbTransaction transaction, string key, string state, string? result, string? error, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flow_intents SET state = @state, result = @result, error = @error, finished_at = @now WHERE key = @key",
            new { key, state, result, error, now }, transaction, cancellationToken: cancellationToken));

    // ---- events ------------------------------------------------------------------------------

    public static Task InsertEventAsync(DbConnection connection, DbTransaction transaction, long runId, long at, string type, string? task, string message, string? actor, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO flow_events (run_id, at, type, task, message, actor) VALUES (@runId, @at, @type, @task, @message, @actor)",
            new { runId, at, type, task, message, actor }, transaction, cancellationToken: cancellationToken));

    /// <summary>Inserts <paramref name="events"/> in their order, a few hundred per statement.</summary>
    public static async Task InsertEventsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<EventRow> events, CancellationToken cancellationToken)
    {
        foreach (var chunk in events.Chunk(EventBatch))
        {
            var sql = new StringBuilder("INSERT INTO flow_events (run_id, at, type, task, message, actor) VALUES ");
            var parameters = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                var e = chunk[i];
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@r{i}, @at{i}, @t{i}, @k{i}, @m{i}, @a{i})");
                parameters.Add($"r{i}", e.RunId);
                parameters.Add($"at{i}", e.At);
                parameters.Add($"t{i}", e.Type);
                parameters.Add($"k{i}", e.Task);
                parameters.Add($"m{i}", e.Message);
                parameters.Add($"a{i}", e.Actor);
            }

            await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, transaction, cancellationToken: cancellationToken));
        }
    }

    public async Task<IReadOnlyList<EventRow>> EventsAsync(long runId, long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(
            "SELECT id AS Id, run_id AS RunId, at AS At, type AS Type, task AS Task, message AS Message, actor AS Actor FROM flow_events " +
            "WHERE run_id = @runId AND id > @after ORDER BY id LIMIT @limit",
            new { runId, after, limit }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    // ---- commands ----------------------------------------------------------------------------

    public static async Task<long> InsertCommandAsync(DbConnection connection, DbTransaction transaction, CommandRow command, long now, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO flow_commands (run_id, type, task, item, reason, actor, source_ip, created_at) " +
            "VALUES (@RunId, @Type, @Task, @Item, @Reason, @Actor, @SourceIp, @now) RETURNING id",
            new { command.RunId, command.Type, command.Task, command.Item, command.Reason, command.Actor, command.SourceIp, now },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flow_runs SET pending_commands = pending_commands + 1 WHERE id = @RunId", new { command.RunId }, transaction, cancellationToken: cancellationToken));
        return id;
    }

    /// <summary>
    /// Queues a <c>brake</c> command (from <paramref name="actor"/>) for every queued or running run,
    /// other than <paramref name="except"/>, that was charged a destructive action on
    /// <paramref name="cluster"/> (null: on any cluster) within the guardrails' longest window.
    /// </summary>
    /// <returns>The runs a brake was queued for.</returns>
    public static async Task<IReadOnlyList<long>> BrakeRunsChargedOnAsync(DbConnection connection, DbTransaction transaction, string? cluster, long? except, string actor, string reason, long now, CancellationToken cancellationToken)
    {
        var runs = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT DISTINCT c.run_id FROM guardrail_charges c JOIN flow_runs r ON r.id = c.run_id " +
            "WHERE r.state IN ('pending', 'running') AND (@except IS NULL OR c.run_id <> @except) AND (@cluster IS NULL OR c.cluster = @cluster) ORDER BY c.run_id",
            new { cluster, except }, transaction, cancellationToken: cancellationToken))).ToList();
        foreach (var run in runs)
        {
            await InsertCommandAsync(connection, transaction, new CommandRow { RunId = run, Type = "brake", Reason = reason, Actor = actor }, now, cancellationToken);
        }

        return runs;
    }

    public static async Task FinishCommandAsync(DbConnection connection, DbTransaction transaction, CommandRow command, long now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flow_commands SET applied_at = @now, outcome = @Outcome, message = @Message WHERE id = @Id",
            new { now, command.Outcome, command.Message, command.Id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flow_runs SET pending_commands = pending_commands - 1 WHERE id = @RunId", new { command.RunId }, transaction, cancellationToken: cancellationToken));
    }

    public async Task<CommandRow?> CommandAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CommandRow>(new CommandDefinition(
            $"SELECT {CommandColumns} FROM flow_commands c WHERE c.id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>The commands not yet applied to runs this replica owns, oldest first.</summary>
    public async Task<IReadOnlyList<CommandRow>> PendingCommandsAsync(string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CommandRow>(new CommandDefinition(
            $"SELECT {CommandColumns} FROM flow_commands c JOIN flow_runs r ON r.id = c.run_id " +
            "WHERE c.applied_at IS NULL AND r.lease_owner = @owner ORDER BY c.id",
            new { owner }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>The commands not yet applied to <paramref name="runIds"/>, oldest first (handed to a run's driver when it is claimed).</summary>
    public async Task<IReadOnlyList<CommandRow>> PendingCommandsAsync(IReadOnlyCollection<long> runIds, CancellationToken cancellationToken)
    {
        var commands = new List<CommandRow>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        foreach (var chunk in runIds.Chunk(500))
        {
            commands.AddRange(await connection.QueryAsync<CommandRow>(new CommandDefinition(
                $"SELECT {CommandColumns} FROM flow_commands c WHERE c.applied_at IS NULL AND c.run_id IN ({string.Join(",", chunk)}) ORDER BY c.id",
                cancellationToken: cancellationToken)));
        }

        return commands;
    }

    /// <summary>For benchmarks and diagnostics: how long tasks waited from ready to running, in milliseconds.</summary>
    public async Task<IReadOnlyList<long>> SchedulingDelaysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT started_at - ready_at FROM flow_tasks WHERE started_at IS NOT NULL AND ready_at IS NOT NULL", cancellationToken: cancellationToken))];
    }
}
