using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Keelson.Core.Flows.Definitions;
using Keelson.Core.Flows.Engine;
using Keelson.Core.Flows.Runs;
using Keelson.Storage;

namespace Keelson.Core.Flows;

/// <summary>
/// What the REST API and the CLI do with flows: apply and read definitions (versioned), run them,
/// read runs and their history, dry-run them, and send operators' commands (pause, resume, cancel,
/// retry, skip, resume-from, approve, reject). Every change is audited in its own transaction.
/// </summary>
public sealed class FlowService
{
    private static readonly TimeSpan CommandWait = TimeSpan.FromSeconds(10);
    private readonly KeelsonDatabase _database;
    private readonly FlowStore _store;
    private readonly FlowDefinitions _definitions;
    private readonly AuditedChange _audited;
    private readonly TimeProvider _time;
    private readonly FlowEngine _engine;
    private readonly FlowPlanner _planner;

    internal FlowService(KeelsonDatabase database, FlowStore store, FlowDefinitions definitions, AuditLog audit, TimeProvider time, FlowEngine engine, FlowPlanner planner)
    {
        _database = database;
        _store = store;
        _definitions = definitions;
        _audited = new AuditedChange(database, audit);
        _time = time;
        _engine = engine;
        _planner = planner;
    }

    // ---- definitions ---------------------------------------------------------------------------

    /// <summary>Validates a definition written in YAML and stores it as a new version when it changed.</summary>
    /// <param name="actor">Who applies it.</param>
    /// <param name="text">The YAML (or JSON).</param>
    /// <param name="source">The file name, for error messages.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="FlowDefinitionException">The definition is invalid; every problem is listed with its task, field and line.</exception>
    public async Task<FlowApplyResult> ApplyAsync(AuditActor actor, string text, string source, CancellationToken cancellationToken)
    {
        ParsedFlowDefinition parsed;
        try
        {
            parsed = FlowDefinitionReader.Parse(text, source);
            var errors = _definitions.Validator.Validate(parsed.Definition, parsed.SourceMap);
            if (errors.Count > 0)
            {
                throw new FlowDefinitionException(errors);
            }
        }
        catch (FlowDefinitionException e)
        {
            await AuditRefusalAsync(actor, source, e, cancellationToken);
            throw;
        }

        return await StoreAsync(actor, parsed.Definition, text, cancellationToken);
    }

    /// <summary>Validates a definition built in C# and stores it as a new version when it changed.</summary>
    /// <exception cref="FlowDefinitionException">The definition is invalid.</exception>
    public async Task<FlowApplyResult> ApplyAsync(AuditActor actor, FlowDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = _definitions.Validator.Validate(definition);
        if (errors.Count > 0)
        {
            var error = new FlowDefinitionException(errors);
            await AuditRefusalAsync(actor, definition.Name, error, cancellationToken);
            throw error;
        }

        return await StoreAsync(actor, definition, null, cancellationToken);
    }

    /// <summary>The latest version of each flow, by name.</summary>
    /// <param name="after">The last name of the previous page.</param>
    /// <param name="limit">How many at most.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<IReadOnlyList<FlowDefinitionVersion>> ListFlowsAsync(string? after, int limit, CancellationToken cancellationToken) =>
        [.. (await _store.LatestDefinitionsAsync(after, limit, cancellationToken)).Select(ToVersion)];

    /// <summary>A flow's version (the latest when <paramref name="version"/> is null), or null when there is none.</summary>
    public async Task<FlowDefinitionVersion?> GetFlowAsync(string name, int? version, CancellationToken cancellationToken) =>
        await _store.DefinitionAsync(name, version, cancellationToken) is { } row ? ToVersion(row) : null;

    /// <summary>Every version of a flow, newest first.</summary>
    public async Task<IReadOnlyList<FlowDefinitionVersion>> VersionsAsync(string name, CancellationToken cancellationToken) =>
        [.. (await _store.VersionsAsync(name, cancellationToken)).Select(ToVersion)];

    /// <summary>What a run with these parameters would do, per task and per cluster, without doing it.</summary>
    /// <exception cref="FlowException">No such flow, or wrong parameters.</exception>
    public Task<FlowPlan> PlanAsync(string flow, int? version, JsonObject? parameters, CancellationToken cancellationToken) =>
        _planner.PlanAsync(flow, version, parameters, cancellationToken);

    // ---- runs ----------------------------------------------------------------------------------

    /// <summary>Queues a run; a replica's engine starts it within a poll interval (at once on this replica).</summary>
    /// <exception cref="FlowException">No such flow or version, or wrong parameters.</exception>
    public async Task<FlowRun> StartAsync(AuditActor actor, FlowRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var entry = new AuditEntry(actor, "flow.run.start", $"flow/{request.Flow}", AuditOutcome.Success, new JsonObject
        {
            ["version"] = request.Version,
            ["params"] = request.Params?.DeepClone(),
        });
        var id = await _audited.RunAsync(entry, async (connection, transaction) =>
        {
            var (flow, parameters) = await ResolveAsync(connection, transaction, request, cancellationToken);
            var runId = await InsertRunAsync(connection, transaction, flow, parameters, request.Priority ?? flow.Definition.Priority, actor.Name, null, null, cancellationToken);
            entry.Details!["run"] = runId;
            entry.Details["version"] = flow.Version;
            return runId;
        }, cancellationToken);
        _engine.Notify();
        return (await GetRunAsync(id, cancellationToken))!;
    }

    /// <summary>
    /// Starts (once) the run a <c>flow.run</c> task asks for: a second call for the same parent task and
    /// re-run returns the run the first one started.
    /// </summary>
    internal async Task<long> StartChildAsync(long parentRun, string parentTask, string startedBy, FlowRunRequest request, CancellationToken cancellationToken)
    {
        var id = await _database.InTransactionAsync(async (connection, transaction) =>
        {
            var existing = await Dapper.SqlMapper.ExecuteScalarAsync<long?>(connection, new Dapper.CommandDefinition(
                "SELECT id FROM flow_runs WHERE parent_run = @parentRun AND parent_task = @parentTask",
                new { parentRun, parentTask }, transaction, cancellationToken: cancellationToken));
            if (existing is { } found)
            {
                return found;
            }

            var (flow, parameters) = await ResolveAsync(connection, transaction, request, cancellationToken);
            return await InsertRunAsync(connection, transaction, flow, parameters, request.Priority ?? flow.Definition.Priority, startedBy, parentRun, parentTask, cancellationToken);
        }, cancellationToken);
        _engine.Notify();
        return id;
    }

    /// <summary>A run with its tasks, or null.</summary>
    public async Task<FlowRun?> GetRunAsync(long id, CancellationToken cancellationToken)
    {
        if (await _store.RunAsync(id, cancellationToken) is not { } found)
        {
            return null;
        }

        var (run, rows) = found;
        var flow = await _definitions.GetAsync(run.Flow, run.Version, cancellationToken);
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in flow.Tasks)
        {
            order[task.Name] = order.Count;
        }

        var tasks = rows
            .OrderBy(r => order.GetValueOrDefault(r.Name.Split('/')[0], int.MaxValue))
            .ThenBy(r => r.Name.Contains('/', StringComparison.Ordinal))
            .ThenBy(r => r.Item)
            .Select(r => ToTask(r, flow.ByName.TryGetValue(r.Name, out var t) ? t.Executor.Name : "?"))
            .ToList();
        return ToRun(run) with { Tasks = tasks };
    }

    /// <summary>One page of runs, newest first.</summary>
    /// <exception cref="FlowException">The limit is out of range or the continue token is not one this API gave.</exception>
    public async Task<FlowRunPage> ListRunsAsync(FlowRunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > FlowRunQuery.MaxLimit)
        {
            throw new FlowException(FlowExceptionKind.Invalid, $"limit must be between 1 and {FlowRunQuery.MaxLimit}, not {query.Limit}");
        }

        long? before = null;
        if (query.Continue is { } token)
        {
            before = DecodeToken(token) ?? throw new FlowException(FlowExceptionKind.Invalid, "the continue token is not one this API gave; start the list again without it");
        }

        var rows = await _store.RunsAsync(query.Flow, query.State is { } s ? RunStates.Text(s) : null, before, query.Limit + 1, cancellationToken);
        var items = rows.Take(query.Limit).Select(ToRun).ToList();
        return new FlowRunPage(items, rows.Count > query.Limit ? EncodeToken(items[^1].Id) : null);
    }

    /// <summary>A run's history after event <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<FlowRunEvent>> EventsAsync(long runId, long after, int limit, CancellationToken cancellationToken) =>
        [.. (await _store.EventsAsync(runId, after, limit, cancellationToken)).Select(e =>
            new FlowRunEvent(e.Id, e.RunId, DateTimeOffset.FromUnixTimeMilliseconds(e.At), e.Type, e.Task, e.Message, e.Actor))];

    /// <summary>
    /// Sends an operator's command to a run and waits (up to 10 seconds) for the replica that owns the
    /// run to apply it; the command, its reason and its outcome are audited.
    /// </summary>
    /// <exception cref="FlowException">No such run or task, or a task command without its task.</exception>
    public async Task<FlowCommandResult> CommandAsync(AuditActor actor, long runId, FlowCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(command);
        var run = await GetRunAsync(runId, cancellationToken) ?? throw new FlowException(FlowExceptionKind.NotFound, $"no run has id {runId}");
        var needsTask = command.Type is not (FlowCommandType.Pause or FlowCommandType.Resume or FlowCommandType.Cancel);
        if (needsTask)
        {
            var flow = await _definitions.GetAsync(run.Flow, run.Version, cancellationToken);
            if (command.Task is null || !flow.ByName.ContainsKey(command.Task))
            {
                throw new FlowException(FlowExceptionKind.NotFound, command.Task is null
                    ? $"{Verb(command.Type)} needs a task; the tasks of run {runId} are: {string.Join(", ", flow.ByName.Keys)}"
                    : $"run {runId} (flow {run.Flow} v{run.Version}) has no task \"{command.Task}\"; its tasks are: {string.Join(", ", flow.ByName.Keys)}");
            }
        }

        var row = new CommandRow
        {
            RunId = runId,
            Type = Verb(command.Type),
            Task = needsTask ? command.Task : null,
            Item = needsTask ? command.Item : null,
            Reason = command.Reason,
            Actor = actor.Name,
            SourceIp = actor.SourceIp,
        };
        var id = await _database.InTransactionAsync((connection, transaction) =>
            FlowStore.InsertCommandAsync(connection, transaction, row, _time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken), cancellationToken);
        _engine.Notify();
        var waitUntil = _time.GetUtcNow() + CommandWait;
        while (true)
        {
            var stored = await _store.CommandAsync(id, cancellationToken);
            if (stored?.AppliedAt is not null)
            {
                var outcome = stored.Outcome == FlowCommandOutcomes.Applied ? FlowCommandOutcome.Applied : FlowCommandOutcome.Refused;
                return new FlowCommandResult(outcome, stored.Message ?? "", (await GetRunAsync(runId, cancellationToken))!);
            }

            if (_time.GetUtcNow() >= waitUntil)
            {
                return new FlowCommandResult(FlowCommandOutcome.Queued,
                    $"the command is recorded but the replica running run {runId} has not applied it yet (is a Keelson replica with the flow engine running?); it will be applied in order",
                    (await GetRunAsync(runId, cancellationToken))!);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }
    }

    // ---- internals -----------------------------------------------------------------------------

    private async Task<FlowApplyResult> StoreAsync(AuditActor actor, FlowDefinition definition, string? source, CancellationToken cancellationToken)
    {
        var json = FlowDefinitionWriter.ToJson(definition).ToJsonString();
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var entry = new AuditEntry(actor, "flow.apply", $"flow/{definition.Name}", AuditOutcome.Success, new JsonObject { ["digest"] = digest });
        try
        {
            return await _audited.RunAsync(entry, async (connection, transaction) =>
            {
                var latest = await FlowStore.DefinitionAsync(connection, transaction, definition.Name, null, cancellationToken);
                if (latest is not null && latest.Digest == digest)
                {
                    entry.Details!["version"] = latest.Version;
                    entry.Details["created"] = false;
                    return new FlowApplyResult(ToVersion(latest), false);
                }

                var row = new DefinitionRow
                {
                    Name = definition.Name,
                    Version = (latest?.Version ?? 0) + 1,
                    Definition = json,
                    Source = source,
                    Digest = digest,
                    CreatedAt = _time.GetUtcNow().ToUnixTimeMilliseconds(),
                    CreatedBy = actor.Name,
                };
                await FlowStore.InsertDefinitionAsync(connection, transaction, row, cancellationToken);
                entry.Details!["version"] = row.Version;
                entry.Details["created"] = true;
                return new FlowApplyResult(ToVersion(row), true);
            }, cancellationToken);
        }
        catch (DbException e) when (KeelsonDatabase.IsUniqueViolation(e))
        {
            throw new FlowException(FlowExceptionKind.Conflict, $"flow {definition.Name} was applied by someone else at the same moment; look at its latest version and apply again");
        }
    }

    private async Task AuditRefusalAsync(AuditActor actor, string target, FlowDefinitionException error, CancellationToken cancellationToken) =>
        await _audited.RunAsync(new AuditEntry(actor, "flow.apply", $"flow/{target}", AuditOutcome.Failed, new JsonObject { ["error"] = error.Message }),
            (_, _) => Task.CompletedTask, cancellationToken);

    private async Task<(CompiledFlow Flow, JsonObject Params)> ResolveAsync(DbConnection connection, DbTransaction transaction, FlowRunRequest request, CancellationToken cancellationToken)
    {
        var row = await FlowStore.DefinitionAsync(connection, transaction, request.Flow, request.Version, cancellationToken)
            ?? throw new FlowException(FlowExceptionKind.NotFound, request.Version is null
                ? $"no flow is named \"{request.Flow}\"; apply its definition first (POST /api/v1/flows)"
                : $"flow \"{request.Flow}\" has no version {request.Version}");
        var flow = await _definitions.GetAsync(row.Name, row.Version, cancellationToken);
        return (flow, FlowParameters.Resolve(flow.Definition, request.Params));
    }

    private async Task<long> InsertRunAsync(DbConnection connection, DbTransaction transaction, CompiledFlow flow, JsonObject parameters, int priority, string startedBy, long? parentRun, string? parentTask, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var run = new RunRow
        {
            Flow = flow.Name,
            Version = flow.Version,
            Params = parameters.ToJsonString(),
            State = RunStates.Pending,
            Priority = priority,
            ParentRun = parentRun,
            ParentTask = parentTask,
            CreatedAt = now,
            CreatedBy = startedBy,
        };
        var id = await FlowStore.InsertRunAsync(connection, transaction, run, now, cancellationToken);
        foreach (var task in flow.Tasks)
        {
            await FlowStore.InsertTaskAsync(connection, transaction, new TaskRow { RunId = id, Name = task.Name }, cancellationToken);
        }

        await FlowStore.InsertEventAsync(connection, transaction, id, now, "run.created", null,
            $"{startedBy} started run {id} of {flow.Name} v{flow.Version}{(parentRun is null ? "" : $" (from run {parentRun}, task {parentTask})")}", startedBy, cancellationToken);
        return id;
    }

    private static string Verb(FlowCommandType type) => type switch
    {
        FlowCommandType.ResumeFrom => "resume-from",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static FlowDefinitionVersion ToVersion(DefinitionRow row) => new(
        row.Name,
        row.Version,
        FlowDefinitionReader.FromJson(row.Definition, $"flow {row.Name} version {row.Version}"),
        row.Source,
        DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
        row.CreatedBy);

    private static FlowRun ToRun(RunRow row) => new()
    {
        Id = row.Id,
        Flow = row.Flow,
        Version = row.Version,
        Params = JsonNode.Parse(row.Params)!.AsObject(),
        State = RunStates.Parse(row.State),
        Reason = row.Reason,
        Priority = row.Priority,
        CreatedBy = row.CreatedBy,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
        StartedAt = Time(row.StartedAt),
        FinishedAt = Time(row.FinishedAt),
        ParentRun = row.ParentRun,
        Owner = row.LeaseOwner,
    };

    private static FlowRunTask ToTask(TaskRow row, string uses) => new()
    {
        Name = row.Name,
        Item = row.Item == TaskRow.WholeTask ? null : row.Item,
        Uses = uses,
        State = TaskStates.Parse(row.State),
        Attempt = row.Attempt,
        ItemValue = row.ItemValue is null ? null : JsonNode.Parse(row.ItemValue),
        Inputs = row.Inputs is null ? null : JsonNode.Parse(row.Inputs)!.AsObject(),
        Outputs = row.Outputs is null ? null : JsonNode.Parse(row.Outputs)!.AsObject(),
        Error = row.Error,
        WaitingFor = row.State is TaskStates.Waiting or TaskStates.Pending ? row.WaitReason : null,
        WakeAt = Time(row.WakeAt),
        StartedAt = Time(row.StartedAt),
        FinishedAt = Time(row.FinishedAt),
    };

    private static DateTimeOffset? Time(long? milliseconds) => milliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static string EncodeToken(long id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"run:{id.ToString(CultureInfo.InvariantCulture)}"));

    private static long? DecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("run:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
