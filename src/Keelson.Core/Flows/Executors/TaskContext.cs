using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Keelson.Core.Flows.Engine;

namespace Keelson.Core.Flows.Executors;

/// <summary>
/// What an executor step sees of its task: the run, the inputs, state kept across steps, and the
/// only doors to the outside — <see cref="ActAsync"/> for cluster changes (gated, recorded, audited)
/// and <see cref="OnceAsync"/> for other side effects (recorded).
/// </summary>
public sealed class TaskContext
{
    private const string ApprovalKey = "approval";
    private readonly EngineServices _engine;
    private readonly RunLease _lease;
    private readonly int _generation;

    internal TaskContext(EngineServices engine, RunLease lease, RunRow run, TaskRow row, TaskInputs inputs, JsonObject state)
    {
        _engine = engine;
        _lease = lease;
        _generation = row.Generation;
        RunId = run.Id;
        Flow = run.Flow;
        FlowVersion = run.Version;
        StartedBy = run.CreatedBy;
        TaskName = row.Name;
        Item = row.Item == TaskRow.WholeTask ? null : row.Item;
        TaskKey = row.Key;
        Attempt = row.Attempt;
        AttemptStartedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.StartedAt ?? engine.Now);
        Inputs = inputs;
        State = state;
    }

    /// <summary>The run.</summary>
    public long RunId { get; }

    /// <summary>The run's flow.</summary>
    public string Flow { get; }

    /// <summary>The definition version the run uses.</summary>
    public int FlowVersion { get; }

    /// <summary>Who started the run.</summary>
    public string StartedBy { get; }

    /// <summary>The task's name.</summary>
    public string TaskName { get; }

    /// <summary>The forEach element's position, if this is one.</summary>
    public int? Item { get; }

    /// <summary><c>drain</c>, or <c>restart[2]</c> for an element: how the task is named in events and gate requests.</summary>
    public string TaskKey { get; }

    /// <summary>The attempt (1 for the first).</summary>
    public int Attempt { get; }

    /// <summary>When this attempt started (the timeout counts from here).</summary>
    public DateTimeOffset AttemptStartedAt { get; }

    /// <summary>The evaluated inputs.</summary>
    public TaskInputs Inputs { get; }

    /// <summary>
    /// The executor's own state for this attempt: kept when the step returns <see cref="TaskOutcome.WaitUntil"/>
    /// or <see cref="TaskOutcome.WaitForSignal"/> and given back at the next step (also after a restart).
    /// </summary>
    public JsonObject State { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time => _engine.Time;

    /// <summary>The answer to an approval task, once a person gave it.</summary>
    public ApprovalDecision? Approval => State[ApprovalKey] is JsonObject a
        ? new ApprovalDecision(a["approved"]?.GetValue<bool>() ?? false, a["by"]?.GetValue<string>() ?? "", a["reason"]?.GetValue<string>())
        : null;

    /// <summary>
    /// Asks the action gate about <paramref name="action"/>. Use it directly only for a batch of
    /// actions taken with <see cref="OnceAsync"/> afterwards; <see cref="ActAsync"/> asks by itself.
    /// </summary>
    /// <exception cref="FlowTaskException">Denied (<see cref="FlowErrorKind.Denied"/>).</exception>
    public async Task CheckGateAsync(FlowAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var decision = await _engine.Gate.CheckAsync(new ActionGateRequest(action, RunId, Flow, TaskKey, StartedBy), cancellationToken);
        switch (decision.Verdict)
        {
            case GateVerdict.Allow:
                return;
            case GateVerdict.Brake:
                throw new FlowBrakeException(action, decision.Reason ?? "no reason given");
            default:
                var reason = decision.Reason ?? "no reason given";
                await WriteAsync(async (connection, transaction, now) =>
                {
                    await AuditAsync(connection, transaction, action, AuditOutcome.Denied, reason, cancellationToken);
                    return true;
                });
                throw new FlowTaskException(FlowErrorKind.Denied, $"the action gate denied {action}: {reason}");
        }
    }

    /// <summary>
    /// Takes a cluster action once: asks the gate, records the intent (committed before acting), runs
    /// <paramref name="perform"/>, and records its result with an audit entry. When this attempt already
    /// took the action (a later step, or after a restart), the recorded result is returned without
    /// acting; when the action was recorded but its result was lost (a crash in between),
    /// <paramref name="perform"/> runs again without asking the gate, so it must be safe to repeat
    /// (carry the object's uid as a precondition and treat "already gone" as done).
    /// </summary>
    /// <param name="action">The classified action, for the gate and the audit log.</param>
    /// <param name="key">What makes the action unique within the task, e.g. <c>evict/default/web-1/UID</c>.</param>
    /// <param name="perform">The action; returns what to remember of it.</param>
    /// <param name="cancellationToken">Cancels the action.</param>
    public Task<JsonNode?> ActAsync(FlowAction action, string key, Func<CancellationToken, Task<JsonNode?>> perform, CancellationToken cancellationToken) =>
        RecordedAsync(action, key, perform, gate: true, cancellationToken);

    /// <summary>
    /// Like <see cref="ActAsync"/> without asking the gate: for side effects outside clusters (a
    /// notification, a sub-flow) and for actions whose batch was gated with <see cref="CheckGateAsync"/>.
    /// </summary>
    /// <param name="key">What makes the action unique within the task.</param>
    /// <param name="action">The action for the audit log, when it changes a cluster; null otherwise.</param>
    /// <param name="perform">The side effect; returns what to remember of it.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    public Task<JsonNode?> OnceAsync(string key, FlowAction? action, Func<CancellationToken, Task<JsonNode?>> perform, CancellationToken cancellationToken) =>
        RecordedAsync(action, key, perform, gate: false, cancellationToken);

    /// <summary>The key under which an action's intent is recorded: unique per run, task, operator re-run and action.</summary>
    internal string IntentKey(string key) => $"{RunId}/{TaskKey}/g{_generation}/{key}";

    private async Task<JsonNode?> RecordedAsync(FlowAction? action, string key, Func<CancellationToken, Task<JsonNode?>> perform, bool gate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(perform);
        var intentKey = IntentKey(key);
        var existing = await _engine.Store.IntentAsync(intentKey, cancellationToken);
        if (existing is { State: IntentRow.Done })
        {
            return existing.Result is null ? null : JsonNode.Parse(existing.Result);
        }

        if (existing is not { State: IntentRow.Pending })
        {
            if (gate && action is not null)
            {
                await CheckGateAsync(action, cancellationToken);
            }

            await _engine.CheckpointAsync("intent.before", cancellationToken);
            var description = action is null ? null : ActionJson(action).ToJsonString();
            var state = State.ToJsonString();
            await WriteAsync(async (connection, transaction, now) =>
            {
                await FlowStore.RecordIntentAsync(connection, transaction, intentKey, RunId, TaskKey, description, now, cancellationToken);
                await FlowStore.SaveExecutorStateAsync(connection, transaction, RunId, TaskName, Item ?? TaskRow.WholeTask, state, cancellationToken);
                return true;
            });
            await _engine.CheckpointAsync("intent.recorded", cancellationToken);
        }

        JsonNode? result;
        try
        {
            result = await perform(cancellationToken);
        }
        catch (ActionDeferredException)
        {
            throw; // not taken: the intent stays pending, so the next step tries again without asking the gate again
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await WriteAsync(async (connection, transaction, now) =>
            {
                await FlowStore.FinishIntentAsync(connection, transaction, intentKey, IntentRow.Failed, null, e.Message, now, cancellationToken);
                return true;
            });
            throw;
        }

        await _engine.CheckpointAsync("action.taken", cancellationToken);
        await WriteAsync(async (connection, transaction, now) =>
        {
            await FlowStore.FinishIntentAsync(connection, transaction, intentKey, IntentRow.Done, result?.ToJsonString(), null, now, cancellationToken);
            if (action is not null)
            {
                await AuditAsync(connection, transaction, action, AuditOutcome.Success, null, cancellationToken);
            }

            return true;
        });
        await _engine.CheckpointAsync("intent.done", cancellationToken);
        return result;
    }

    private async Task WriteAsync(Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, long, Task<bool>> work)
    {
        if (!await _engine.Writes.WriteAsync(_lease, work))
        {
            throw new OperationCanceledException($"run {RunId} is now owned by another replica; this replica stops working on it");
        }
    }

    private async Task AuditAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, FlowAction action, AuditOutcome outcome, string? reason, CancellationToken cancellationToken)
    {
        var details = ActionJson(action);
        details["run"] = RunId;
        details["flow"] = Flow;
        details["task"] = TaskKey;
        details["startedBy"] = StartedBy;
        if (reason is not null)
        {
            details["reason"] = reason;
        }

        var target = action.Cluster is { } cluster ? $"cluster/{cluster}" : $"webhook/{(action.Names.Count > 0 ? action.Names[0] : "")}";
        await _engine.Audit.AppendAsync(new AuditEntry(AuditActor.System, "flow.action", target, outcome, details), connection, transaction, cancellationToken);
    }

    private static JsonObject ActionJson(FlowAction action)
    {
        var obj = new JsonObject
        {
            ["verb"] = action.Verb.ToString().ToLowerInvariant(),
            ["kind"] = action.Kind,
            ["cluster"] = action.Cluster,
            ["namespace"] = action.Namespace,
            ["names"] = new JsonArray([.. action.Names.Select(n => JsonValue.Create(n))]),
        };
        if (action.Details is { } details)
        {
            obj["details"] = details.DeepClone();
        }

        return obj;
    }
}
