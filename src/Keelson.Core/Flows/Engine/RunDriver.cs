using System.Data.Common;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Keelson.Core.Audit;
using Keelson.Core.Flows.Definitions;
using Keelson.Core.Flows.Expressions;
using Microsoft.Extensions.Logging;

namespace Keelson.Core.Flows.Engine;

/// <summary>
/// Drives one run on the replica that owns it: decides which tasks are ready, dispatches them,
/// applies what their steps committed, applies operators' commands, and ends the run. One driver
/// per owned run, processing its messages one at a time, so a run's decisions never race.
/// </summary>
/// <remarks>
/// Every decision is committed (through the lease-checked <see cref="WriteBatcher"/>) before the
/// driver's view changes, so the database always holds where the run is: a driver built from it
/// after a restart takes the same decisions. A task found "running" when the run is loaded was
/// interrupted; its step runs again, and its intents keep actions from being taken twice.
/// </remarks>
internal sealed partial class RunDriver : IDisposable
{
    private readonly EngineServices _engine;
    private readonly CompiledFlow _flow;
    private readonly RunRow _run;
    private readonly RunLease _lease;
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, TaskRow> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskExecution> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ITimer Timer, long At)> _timers = new(StringComparer.Ordinal);
    private readonly Queue<CommandRow> _commands = new();
    private readonly HashSet<long> _seenCommands = [];
    private readonly JsonObject _params;
    private readonly JsonObject _tasksScope = [];
    private readonly JsonObject _runScope;
    private readonly Action<long, string> _wakeParent;
    private bool _progress;
    private bool _announced;

    public RunDriver(EngineServices engine, CompiledFlow flow, RunRow run, IEnumerable<TaskRow> rows, Action<long, string> wakeParent)
    {
        _engine = engine;
        _flow = flow;
        _run = run;
        _lease = new RunLease(run.Id, run.LeaseOwner ?? engine.Owner, run.LeaseEpoch);
        _wakeParent = wakeParent;
        _params = JsonNode.Parse(run.Params)!.AsObject();
        _runScope = new JsonObject { ["id"] = run.Id, ["flow"] = run.Flow, ["version"] = run.Version, ["startedBy"] = run.CreatedBy };
        foreach (var row in rows)
        {
            _rows[row.Key] = row;
            UpdateScope(row);
        }
    }

    public long RunId => _run.Id;

    public long Epoch => _lease.Epoch;

    /// <summary>Whether the run's last committed state ended it, which also gave up its lease.</summary>
    public bool LeaseReleased { get; private set; }

    private long Now => _engine.Now;

    private bool Finished => RunStates.IsFinished(_run.State);

    /// <summary>Hands the driver a message: an ended step, commands, a wake-up.</summary>
    public void Post(object message) => _inbox.Writer.TryWrite(message);

    /// <summary>Stops driving without writing anything more (the engine stops, or the lease was lost).</summary>
    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already stopped.
        }
    }

    /// <summary>Drives the run until it ends (and has no commands left) or the driver is stopped.</summary>
    public async Task RunAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                while (_inbox.Reader.TryRead(out var message))
                {
                    Handle(message);
                }

                await ApplyCommandsAsync();

                // A decision written (a task skipped, a forEach expanded, a task ended) may make more tasks ready.
                do
                {
                    _progress = false;
                    await AdvanceAsync();
                }
                while (_progress && !_stop.IsCancellationRequested);

                if (Finished && _active.Count == 0 && _commands.Count == 0 && !_inbox.Reader.TryPeek(out _))
                {
                    return;
                }

                Handle(await _inbox.Reader.ReadAsync(_stop.Token));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped: the next owner continues from the database.
        }
        catch (LeaseLostException)
        {
            LogLeaseLost(_engine.Logger, _run.Id);
        }
        finally
        {
            foreach (var execution in _active.Values)
            {
                execution.Cancel();
            }

            foreach (var (timer, _) in _timers.Values)
            {
                timer.Dispose();
            }
        }
    }

    public void Dispose() => _stop.Dispose();

    private void Handle(object message)
    {
        switch (message)
        {
            case ExecutionEnd end:
                if (_active.Remove(end.Key, out var ended))
                {
                    ended.Dispose();
                }

                if (end.LeaseLost)
                {
                    throw new LeaseLostException();
                }

                if (end.Row is { } row)
                {
                    _rows[row.Key] = row;
                    UpdateScope(row);
                }

                if (end.BrakeReason is { } reason && _run.State == RunStates.Running)
                {
                    _run.State = RunStates.Braked;
                    _run.Reason = reason;
                }

                break;
            case IReadOnlyList<CommandRow> commands:
                foreach (var command in commands.Where(c => _seenCommands.Add(c.Id)))
                {
                    _commands.Enqueue(command);
                }

                break;
            case TaskWakeUp wake when _rows.TryGetValue(wake.Key, out var waiting) && waiting.State == TaskStates.Waiting:
                waiting.WakeAt = Math.Min(waiting.WakeAt ?? long.MaxValue, Now);
                break;
        }
    }

    // ---- advancing -----------------------------------------------------------------------------

    private async Task AdvanceAsync()
    {
        if (Finished)
        {
            return;
        }

        if (_run.State == RunStates.Pending)
        {
            await SetRunStateAsync(RunStates.Running, null, "run.started", $"run {_run.Id} of {_run.Flow} v{_run.Version} started on {_engine.Owner}", null);
        }
        else if (!_announced)
        {
            // Taken over after a restart or from a replica that stopped: say who continues it.
            await WriteAsync(async (connection, transaction, now) =>
            {
                await _engine.Writes.EventAsync(connection, transaction, _run.Id, now, "run.continued", null, $"{_engine.Owner} continues the run", null);
                return true;
            });
        }

        _announced = true;

        if (_run.State is RunStates.Paused or RunStates.Braked)
        {
            // Queued steps go back to ready; running ones finish.
            foreach (var execution in _active.Values.Where(e => !e.Started).ToList())
            {
                execution.Cancel();
            }

            return;
        }

        var failed = FailedTask();
        if (failed is not null)
        {
            await CancelWaitingAsync();
        }

        foreach (var task in _flow.Tasks)
        {
            await AdvanceTaskAsync(task, _rows[task.Name], failed is not null);
            if (task.Compensation is { } compensation)
            {
                await AdvanceCompensationAsync(task, compensation);
            }
        }

        await FinishIfDoneAsync(FailedTask());
    }

    private async Task AdvanceTaskAsync(CompiledTask task, TaskRow row, bool failing)
    {
        switch (row.State)
        {
            case TaskStates.Pending when !failing && !_active.ContainsKey(row.Key) && NeedsMet(task):
                row.ReadyAt ??= Now;
                if (row.Attempt == 0 && task.When is { } when)
                {
                    bool go;
                    try
                    {
                        go = ExpressionValues.IsTruthy(when.Evaluate(Scope(task, row)));
                    }
                    catch (ExpressionException e)
                    {
                        await FailAsync(row, FlowErrorKind.Invalid, $"when \"{when.Text}\" could not be evaluated: {e.Message}");
                        return;
                    }

                    if (!go)
                    {
                        await SkipAsync(row, $"{row.Key} skipped: when \"{when.Text}\" is false", null, null);
                        return;
                    }
                }

                if (task.ForEach is not null)
                {
                    await ExpandAsync(task, row);
                    return;
                }

                await DispatchAsync(task, row);
                return;
            case TaskStates.Running when task.ForEach is not null:
                await AdvanceItemsAsync(task, row, failing);
                return;
            case TaskStates.Running or TaskStates.Waiting:
                await WakeOrDispatchAsync(task, row);
                return;
        }
    }

    private async Task AdvanceCompensationAsync(CompiledTask task, CompiledTask compensation)
    {
        var owner = _rows[task.Name];
        if (owner.State != TaskStates.Failed)
        {
            return;
        }

        if (!_rows.TryGetValue(compensation.Name, out var row))
        {
            row = new TaskRow { RunId = _run.Id, Name = compensation.Name, Generation = owner.Generation, ReadyAt = Now };
            var created = row.Copy();
            await WriteAsync(async (connection, transaction, now) =>
            {
                await FlowStore.InsertTaskAsync(connection, transaction, created, CancellationToken.None);
                await _engine.Writes.EventAsync(connection, transaction, _run.Id, now, "task.compensating", compensation.Name,
                    $"{task.Name} failed; running its compensating task ({compensation.Executor.Name})", null);
                return true;
            });
            _rows[row.Key] = row;
        }

        if (row.State == TaskStates.Pending && !_active.ContainsKey(row.Key))
        {
            await DispatchAsync(compensation, row);
        }
        else if (row.State is TaskStates.Running or TaskStates.Waiting)
        {
            await WakeOrDispatchAsync(compensation, row);
        }
    }

    private async Task AdvanceItemsAsync(CompiledTask task, TaskRow parent, bool failing)
    {
        var items = Items(task.Name);
        var itemFailed = items.Any(i => i.State == TaskStates.Failed);
        var stopStarting = failing || (itemFailed && task.Definition.OnFailure != FailureAction.Continue);
        var limit = task.Definition.Concurrency ?? 1;
        var busy = items.Count(i => _active.ContainsKey(i.Key) || i.State is TaskStates.Running or TaskStates.Waiting);

        // Each element is a wave (see IRunAdmission): checked before it starts and after it succeeded.
        // Its row keeps how far the checks went, so after a restart none is skipped or asked again.
        foreach (var ended in items.Where(i => i.State == TaskStates.Succeeded && i.Wave == TaskStates.WaveAdmitted))
        {
            await _engine.CheckpointAsync("wave.ended", _stop.Token);
            if (!await AdmitWaveAsync(task, ended, items.Count, after: true))
            {
                return;
            }

            var passed = ended.Copy();
            passed.Wave = TaskStates.WaveChecked;
            if (await SaveTaskAsync(new TaskSave(passed, ended.State, ended.Attempt)))
            {
                _rows[passed.Key] = passed;
            }
        }

        foreach (var item in items)
        {
            switch (item.State)
            {
                case TaskStates.Pending when !stopStarting && busy < limit && !_active.ContainsKey(item.Key):
                    if (item.Attempt == 0 && item.Wave is null)
                    {
                        if (!await AdmitWaveAsync(task, item, items.Count, after: false))
                        {
                            return;
                        }

                        item.Wave = TaskStates.WaveAdmitted; // committed with the element's start; asked again if that never happened
                    }

                    item.ReadyAt ??= Now;
                    busy++;
                    await DispatchAsync(task, item);
                    break;
                case TaskStates.Running or TaskStates.Waiting:
                    await WakeOrDispatchAsync(task, item);
                    break;
            }
        }

        items = Items(task.Name);
        var open = items.Any(i => _active.ContainsKey(i.Key) || i.State is TaskStates.Running or TaskStates.Waiting || (i.State == TaskStates.Pending && !stopStarting));
        if (open || _active.ContainsKey(parent.Key))
        {
            return;
        }

        // Every element ended (or none may start any more): the task ends with them.
        var done = parent.Copy();
        done.FinishedAt = Now;
        done.Outputs = new JsonObject
        {
            ["items"] = new JsonArray([.. items.Select(i => i.Outputs is null ? null : JsonNode.Parse(i.Outputs))]),
        }.ToJsonString();
        var failures = items.Where(i => i.State == TaskStates.Failed).ToList();
        if (failures.Count == 0 && !items.Any(i => i.State == TaskStates.Pending))
        {
            done.State = TaskStates.Succeeded;
            done.Error = null;
            await SaveAsync(parent, done, "task.succeeded", $"{parent.Key} succeeded ({items.Count} element(s))", AuditOutcome.Success);
        }
        else
        {
            done.State = TaskStates.Failed;
            done.ErrorKind = failures.FirstOrDefault()?.ErrorKind ?? nameof(FlowErrorKind.Failed);
            done.Error = failures.Count == 0
                ? "its elements were stopped"
                : $"{failures.Count} of {items.Count} element(s) failed; first {failures[0].Key}: {failures[0].Error}";
            await SaveAsync(parent, done, "task.failed", $"{parent.Key} failed: {done.Error}", AuditOutcome.Failed);
        }
    }

    /// <summary>Asks the admission about a wave; a refusal pauses the run with its reason (resume to ask again).</summary>
    private async Task<bool> AdmitWaveAsync(CompiledTask task, TaskRow item, int count, bool after)
    {
        var request = new WaveAdmissionRequest(_run.Id, _run.Flow, task.Name, item.Item, count, item.ItemValue is null ? null : JsonNode.Parse(item.ItemValue));
        var decision = after
            ? await _engine.Admission.WaveEndedAsync(request, _stop.Token)
            : await _engine.Admission.AdmitWaveAsync(request, _stop.Token);
        if (decision.Allowed)
        {
            return true;
        }

        var reason = $"wave {item.Item + 1} of {count} ({item.Key}) {(after ? "failed its after-wave check" : "was not admitted")}: {decision.Reason}";
        await SetRunStateAsync(RunStates.Paused, reason, "run.paused", $"run {_run.Id} paused: {reason}; resume it once the check passes", null);
        return false;
    }

    private async Task WakeOrDispatchAsync(CompiledTask task, TaskRow row)
    {
        if (_active.ContainsKey(row.Key))
        {
            return;
        }

        if (row.State == TaskStates.Running)
        {
            // Found running when the run was loaded: the step was interrupted; run it again.
            await DispatchAsync(task, row);
            return;
        }

        var due = Math.Min(row.WakeAt ?? long.MaxValue, row.DeadlineAt ?? long.MaxValue);
        if (due <= Now)
        {
            await DispatchAsync(task, row);
        }
        else if (due != long.MaxValue && (!_timers.TryGetValue(row.Key, out var armed) || armed.At != due))
        {
            if (armed.Timer is not null)
            {
                await armed.Timer.DisposeAsync();
            }

            var key = row.Key;
            _timers[key] = (_engine.Time.CreateTimer(_ => Post(new TaskWakeUp(key)), null, TimeSpan.FromMilliseconds(due - Now), Timeout.InfiniteTimeSpan), due);
        }
    }

    private async Task DispatchAsync(CompiledTask task, TaskRow row)
    {
        JsonObject inputs;
        try
        {
            inputs = row.State != TaskStates.Pending && row.Inputs is { } stored && !(row.State == TaskStates.Waiting && row.WaitKind == TaskStates.WaitRetry)
                ? JsonNode.Parse(stored)!.AsObject()
                : EvaluateInputs(task, row);
        }
        catch (FlowTaskException e)
        {
            await FailAsync(row, e.Kind, e.Message);
            return;
        }

        var cluster = inputs["cluster"] is JsonValue c && c.TryGetValue<string>(out var name) ? name : null;
        var slot = new SlotRequest(_run.Priority, _run.Flow, _flow.Definition.Concurrency ?? _engine.Options.MaxTasksPerFlow, cluster);
        var execution = new TaskExecution(_engine, _run, _lease, task, row.Copy(), inputs, slot);
        _active[row.Key] = execution;
        _ = Task.Run(async () =>
        {
            ExecutionEnd end;
            try
            {
                end = await execution.RunAsync();
            }
            catch (OperationCanceledException)
            {
                end = new ExecutionEnd(execution.Key, null);
            }
            catch (Exception e)
            {
                // The database failed under the step: give the run up, so it is claimed and loaded afresh.
                LogStepFailed(_engine.Logger, e, _run.Id, execution.Key);
                end = new ExecutionEnd(execution.Key, null, LeaseLost: true);
            }

            Post(end);
        });
    }

    private JsonObject EvaluateInputs(CompiledTask task, TaskRow row) => InputEvaluator.Evaluate(task, Scope(task, row), lenient: false);

    private async Task ExpandAsync(CompiledTask task, TaskRow row)
    {
        JsonArray elements;
        try
        {
            elements = task.ForEach!.Evaluate(Scope(task, row)) as JsonArray
                ?? throw new ExpressionException($"forEach must give a list, not {ExpressionValues.Describe(task.ForEach.Evaluate(Scope(task, row)))}");
        }
        catch (ExpressionException e)
        {
            await FailAsync(row, FlowErrorKind.Invalid, $"forEach could not be evaluated: {e.Message}");
            return;
        }

        var parent = row.Copy();
        parent.State = TaskStates.Running;
        parent.Attempt = 1;
        parent.StartedAt = Now;
        var items = elements.Select((element, i) => new TaskRow
        {
            RunId = _run.Id,
            Name = task.Name,
            Item = i,
            Generation = row.Generation,
            ItemValue = element?.ToJsonString() ?? "null",
        }).ToList();
        var saved = await WriteAsync(async (connection, transaction, now) =>
        {
            if (!await FlowStore.SaveTaskAsync(connection, transaction, parent, row.State, row.Attempt, CancellationToken.None))
            {
                return false;
            }

            foreach (var item in items)
            {
                await FlowStore.InsertTaskAsync(connection, transaction, item, CancellationToken.None);
            }

            await _engine.Writes.EventAsync(connection, transaction, _run.Id, now, "task.started", row.Key,
                $"{row.Key} started for {items.Count} element(s), {task.Definition.Concurrency ?? 1} at a time", null);
            return true;
        });
        if (saved)
        {
            _rows[parent.Key] = parent;
            foreach (var item in items)
            {
                _rows[item.Key] = item;
            }
        }
    }

    private async Task CancelWaitingAsync()
    {
        foreach (var row in _rows.Values.Where(r => r.State == TaskStates.Waiting && !_active.ContainsKey(r.Key) && !r.Name.EndsWith("/compensate", StringComparison.Ordinal)).ToList())
        {
            var cancelled = row.Copy();
            cancelled.State = TaskStates.Cancelled;
            cancelled.FinishedAt = Now;
            cancelled.WakeAt = null;
            await SaveAsync(row, cancelled, "task.cancelled", $"{row.Key} cancelled: another task failed, so the run stops", null);
        }
    }

    private async Task FinishIfDoneAsync(TaskRow? failed)
    {
        if (Finished || _active.Count > 0 || _run.State != RunStates.Running)
        {
            return;
        }

        if (failed is not null)
        {
            if (_rows.Values.Any(r => r.State is TaskStates.Running or TaskStates.Waiting || (r.Name.EndsWith("/compensate", StringComparison.Ordinal) && !r.IsFinished)))
            {
                return;
            }

            if (_flow.ByName.TryGetValue(failed.Name, out var task) && task.Compensation is { } compensation && !_rows.ContainsKey(compensation.Name))
            {
                return; // its compensating task is about to be created
            }

            await SetRunStateAsync(RunStates.Failed, $"task {failed.Key} failed: {failed.Error}", "run.failed",
                $"run {_run.Id} failed: task {failed.Key} failed: {failed.Error}", null);
            return;
        }

        if (_flow.Tasks.All(t => _rows[t.Name].IsFinished))
        {
            await SetRunStateAsync(RunStates.Succeeded, null, "run.succeeded", $"run {_run.Id} succeeded", null);
        }
    }

    /// <summary>The first task that failed for good and stops the run (its onFailure is not continue).</summary>
    private TaskRow? FailedTask() => _flow.Tasks
        .Where(t => t.Definition.OnFailure != FailureAction.Continue)
        .Select(t => _rows[t.Name])
        .FirstOrDefault(r => r.State == TaskStates.Failed);

    private bool NeedsMet(CompiledTask task) => task.Needs.All(need =>
        _rows[need.Name].State is TaskStates.Succeeded or TaskStates.Skipped
        || (_rows[need.Name].State == TaskStates.Failed && need.Definition.OnFailure == FailureAction.Continue));

    private List<TaskRow> Items(string name) =>
        [.. _rows.Values.Where(r => r.Name == name && r.Item >= 0).OrderBy(r => r.Item)];

    // ---- writes --------------------------------------------------------------------------------

    private async Task FailAsync(TaskRow row, FlowErrorKind kind, string error)
    {
        var failed = row.Copy();
        failed.State = TaskStates.Failed;
        failed.Error = error;
        failed.ErrorKind = kind.ToString();
        failed.FinishedAt = Now;
        await SaveAsync(row, failed, "task.failed", $"{row.Key} failed ({kind}): {error}", AuditOutcome.Failed);
    }

    private Task SkipAsync(TaskRow row, string message, string? actor, CommandRow? command)
    {
        var skipped = row.Copy();
        skipped.State = TaskStates.Skipped;
        skipped.FinishedAt = Now;
        skipped.WakeAt = null;
        return SaveAsync(row, skipped, "task.skipped", message, AuditOutcome.Success, actor, command);
    }

    /// <summary>Commits <paramref name="changed"/> over <paramref name="current"/> with an event (and an audit record), then adopts it.</summary>
    private async Task SaveAsync(TaskRow current, TaskRow changed, string type, string message, AuditOutcome? audit, string? actor = null, CommandRow? command = null)
    {
        var record = audit is { } outcome
            ? new AuditEntry(command is null ? AuditActor.System : new AuditActor(command.Actor, command.SourceIp),
                "flow." + type, $"run/{_run.Id}/{current.Key}", outcome, new JsonObject
                {
                    ["flow"] = _run.Flow,
                    ["message"] = message,
                    ["reason"] = command?.Reason,
                })
            : null;
        var save = new TaskSave(changed, current.State, current.Attempt, new EventRow { RunId = _run.Id, Type = type, Task = current.Key, Message = message, Actor = actor }, record);
        var saved = command is null
            ? await SaveTaskAsync(save)
            : await WriteAsync(async (connection, transaction, now) =>
            {
                if (!await FlowStore.SaveTaskAsync(connection, transaction, changed, current.State, current.Attempt, CancellationToken.None))
                {
                    return false;
                }

                await _engine.Writes.EventAsync(connection, transaction, _run.Id, now, type, current.Key, message, actor);
                if (record is not null)
                {
                    await _engine.Writes.AuditAsync(connection, transaction, record);
                }

                await FinishCommandAsync(connection, transaction, command, FlowCommandOutcomes.Applied, message, now);
                return true;
            });
        if (saved)
        {
            _rows[changed.Key] = changed;
            UpdateScope(changed);
        }
    }

    private async Task SetRunStateAsync(string state, string? reason, string type, string message, CommandRow? command)
    {
        await WriteAsync(async (connection, transaction, now) =>
        {
            await FlowStore.SetRunStateAsync(connection, transaction, _run.Id, state, reason, now, CancellationToken.None);
            await _engine.Writes.EventAsync(connection, transaction, _run.Id, now, type, null, message, command?.Actor);
            await _engine.Writes.AuditAsync(connection, transaction, new AuditEntry(command is null ? AuditActor.System : new AuditActor(command.Actor, command.SourceIp),
                "flow." + type, $"run/{_run.Id}", state == RunStates.Failed ? AuditOutcome.Failed : AuditOutcome.Success, new JsonObject
                {
                    ["flow"] = _run.Flow,
                    ["version"] = _run.Version,
                    ["reason"] = command?.Reason ?? reason,
                    ["startedBy"] = _run.CreatedBy,
                }));
            if (command is not null)
            {
                await FinishCommandAsync(connection, transaction, command, FlowCommandOutcomes.Applied, message, now);
            }

            return true;
        });
        _run.State = state;
        _run.Reason = reason;
        LeaseReleased = RunStates.IsFinished(state);
        if (RunStates.IsFinished(state) && _run.ParentRun is { } parent && _run.ParentTask is { } parentTask)
        {
            _wakeParent(parent, parentTask);
        }
    }

    /// <summary>Commits a write for this run; false when its own condition failed. Throws when the lease is lost.</summary>
    private async Task<bool> WriteAsync(Func<DbConnection, DbTransaction, long, Task<bool>> work)
    {
        var reached = false;
        var done = await _engine.Writes.WriteAsync(_lease, async (connection, transaction, now) =>
        {
            reached = true;
            return await work(connection, transaction, now);
        });
        _progress |= done;
        return done || (reached ? false : throw new LeaseLostException());
    }

    /// <summary>Commits a task's save for this run; false when the stored row had changed. Throws when the lease is lost.</summary>
    private async Task<bool> SaveTaskAsync(TaskSave save)
    {
        var done = await _engine.Writes.SaveTaskAsync(_lease, save) ?? throw new LeaseLostException();
        _progress |= done;
        return done;
    }

    private static Task FinishCommandAsync(DbConnection connection, DbTransaction transaction, CommandRow command, string outcome, string message, long now)
    {
        command.Outcome = outcome;
        command.Message = message;
        return FlowStore.FinishCommandAsync(connection, transaction, command, now, CancellationToken.None);
    }

    // ---- expression scope ----------------------------------------------------------------------

    private ExpressionScope Scope(CompiledTask task, TaskRow row)
    {
        var roots = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["params"] = _params,
            ["tasks"] = _tasksScope,
            ["run"] = _runScope,
        };
        if (row.Item >= 0)
        {
            roots["item"] = row.ItemValue is null ? null : JsonNode.Parse(row.ItemValue);
            roots["index"] = JsonValue.Create(row.Item);
        }

        if (task.CompensationFor is { } owner)
        {
            var failed = _rows[owner.Name];
            roots["error"] = new JsonObject { ["message"] = failed.Error, ["kind"] = failed.ErrorKind };
        }

        return new ExpressionScope(roots);
    }

    private void UpdateScope(TaskRow row)
    {
        if (row.Item != TaskRow.WholeTask || row.Name.Contains('/', StringComparison.Ordinal))
        {
            return;
        }

        _tasksScope[row.Name] = new JsonObject
        {
            ["status"] = row.State,
            ["outputs"] = row.Outputs is null ? new JsonObject() : JsonNode.Parse(row.Outputs),
            ["error"] = row.Error,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {RunId}: another replica took over the run; this replica stops driving it")]
    private static partial void LogLeaseLost(ILogger logger, long runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "run {RunId}: the step of task {Task} failed inside the engine; the run is left for the next owner")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, long runId, string task);

    private sealed class LeaseLostException : Exception;
}
