using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Keelson.Core.Flows.Definitions;
using Keelson.Core.Flows.Executors;

namespace Keelson.Core.Flows.Engine;

/// <summary>
/// One dispatch of a task: wait for a worker, commit the start, run one executor step, commit what
/// came of it (done, waiting, retrying, failed, braked). Nothing takes effect before it committed;
/// a commit that finds the row changed meanwhile (the run was cancelled) is dropped.
/// </summary>
internal sealed class TaskExecution(EngineServices engine, RunRow run, RunLease lease, CompiledTask task, TaskRow snapshot, JsonObject inputs, SlotRequest slot) : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    public string Key => snapshot.Key;

    /// <summary>Whether the step has begun (a worker was granted); before that, <see cref="Cancel"/> simply withdraws it.</summary>
    public bool Started { get; private set; }

    /// <summary>Stops the step: a queued one is withdrawn, a running one's executor is cancelled and its result dropped.</summary>
    public void Cancel()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already ended.
        }
    }

    public void Dispose() => _cancel.Dispose();

    public async Task<ExecutionEnd> RunAsync()
    {
        engine.Scheduler.Enqueue(slot);
        try
        {
            await slot.Granted.WaitAsync(_cancel.Token);
        }
        catch (OperationCanceledException)
        {
            if (!engine.Scheduler.Withdraw(slot))
            {
                engine.Scheduler.Release(slot);
            }

            return new ExecutionEnd(Key, null);
        }

        Started = true;
        try
        {
            return await StepAsync();
        }
        finally
        {
            engine.Scheduler.Release(slot);
        }
    }

    private async Task<ExecutionEnd> StepAsync()
    {
        var now = engine.Now;
        var row = snapshot.Copy();
        var newAttempt = row.State == TaskStates.Pending || (row.State == TaskStates.Waiting && row.WaitKind == TaskStates.WaitRetry);
        if (newAttempt)
        {
            row.Attempt++;
            row.StartedAt = now;
            row.DeadlineAt = task.Definition.Timeout is { } timeout ? now + (long)timeout.TotalMilliseconds : null;
            row.ExecutorState = null;
            row.Inputs = inputs.ToJsonString();
        }

        if (row.State != TaskStates.Running)
        {
            row.State = TaskStates.Running;
            row.WaitKind = null;
            row.WaitReason = null;
            row.WakeAt = null;
            var started = row.Copy();
            var committed = await SaveAsync(new TaskSave(started, snapshot.State, snapshot.Attempt,
                newAttempt ? Event("task.started", $"{Key} started ({task.Executor.Name}, attempt {started.Attempt})") : null));
            if (committed is not true)
            {
                return new ExecutionEnd(Key, null, LeaseLost: committed is null);
            }
        }

        if (row.DeadlineAt is { } deadline && deadline <= engine.Now)
        {
            return await FinishAsync(row, null, Timeout(), null);
        }

        var state = row.ExecutorState is { } json ? JsonNode.Parse(json)!.AsObject() : [];
        var context = new TaskContext(engine, lease, run, row, new TaskInputs(inputs), state);
        using var step = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
        if (row.DeadlineAt is { } due)
        {
            step.CancelAfter(TimeSpan.FromMilliseconds(Math.Max(1, due - engine.Now)));
        }

        TaskOutcome outcome;
        try
        {
            outcome = await task.Executor.ExecuteAsync(context, step.Token);
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            return new ExecutionEnd(Key, null);
        }
        catch (OperationCanceledException) when (step.IsCancellationRequested)
        {
            return await FinishAsync(row, null, Timeout(), state);
        }
        catch (FlowBrakeException brake)
        {
            return await BrakeAsync(row, newAttempt, brake, state);
        }
        catch (Exception e)
        {
            return await FinishAsync(row, null, FailureClassifier.Classify(e, task.Executor.Name), state);
        }

        return await FinishAsync(row, outcome, null, state);
    }

    private (FlowErrorKind, string) Timeout() =>
        (FlowErrorKind.Timeout, $"{Key} did not finish within its timeout of {Kubernetes.Yaml.GoDuration.Format(task.Definition.Timeout ?? TimeSpan.Zero)} (attempt started {DateTimeOffset.FromUnixTimeMilliseconds(snapshot.StartedAt ?? engine.Now):O}); raise timeout: or look at why it is slow");

    private async Task<ExecutionEnd> FinishAsync(TaskRow running, TaskOutcome? outcome, (FlowErrorKind Kind, string Message)? failure, JsonObject? state)
    {
        var row = running.Copy();
        var now = engine.Now;
        string type;
        string message;
        AuditOutcome? audit = null;
        if (outcome is { Kind: TaskOutcomeKind.Succeeded })
        {
            row.State = TaskStates.Succeeded;
            row.Outputs = (outcome.Outputs ?? []).ToJsonString();
            row.Error = null;
            row.ErrorKind = null;
            row.ExecutorState = null;
            row.FinishedAt = now;
            (type, message, audit) = ("task.succeeded", $"{Key} succeeded", AuditOutcome.Success);
        }
        else if (outcome is { Kind: TaskOutcomeKind.Waiting })
        {
            row.State = TaskStates.Waiting;
            row.WaitKind = TaskStates.WaitStep;
            row.WaitReason = outcome.Reason;
            var wake = outcome.WakeAt?.ToUnixTimeMilliseconds();
            row.WakeAt = row.DeadlineAt is { } deadline && (wake is null || wake > deadline) ? deadline : wake;
            row.ExecutorState = state?.ToJsonString();
            type = snapshot.WaitReason == outcome.Reason ? "" : "task.waiting";
            message = $"{Key} is waiting: {outcome.Reason}";
        }
        else
        {
            var (kind, error) = failure!.Value;
            row.Error = error;
            row.ErrorKind = kind.ToString();
            if (task.Retry is { } retry && retry.Retries(kind, row.Attempt))
            {
                var delay = retry.DelayAfter(row.Attempt);
                row.State = TaskStates.Waiting;
                row.WaitKind = TaskStates.WaitRetry;
                row.WaitReason = $"retry {row.Attempt} of {retry.Limit} in {Kubernetes.Yaml.GoDuration.Format(delay)} after: {error}";
                row.WakeAt = now + (long)delay.TotalMilliseconds;
                (type, message) = ("task.retrying", $"{Key} attempt {row.Attempt} failed ({kind}): {error}; retrying in {Kubernetes.Yaml.GoDuration.Format(delay)}");
            }
            else
            {
                row.State = TaskStates.Failed;
                row.FinishedAt = now;
                row.ExecutorState = state?.ToJsonString();
                (type, message, audit) = ("task.failed", $"{Key} failed ({kind}): {error}", AuditOutcome.Failed);
            }
        }

        var committed = await SaveAsync(new TaskSave(row, TaskStates.Running, row.Attempt,
            type.Length > 0 ? Event(type, message) : null,
            audit is { } result
                ? new AuditEntry(AuditActor.System, type == "task.succeeded" ? "flow.task.succeed" : "flow.task.fail", $"run/{run.Id}/{Key}", result, new JsonObject
                {
                    ["flow"] = run.Flow,
                    ["version"] = run.Version,
                    ["uses"] = task.Executor.Name,
                    ["attempt"] = row.Attempt,
                    ["error"] = row.State == TaskStates.Failed ? row.Error : null,
                    ["startedBy"] = run.CreatedBy,
                })
                : null));
        return new ExecutionEnd(Key, committed is true ? row : null, LeaseLost: committed is null);
    }

    private async Task<ExecutionEnd> BrakeAsync(TaskRow running, bool newAttempt, FlowBrakeException brake, JsonObject state)
    {
        var row = running.Copy();
        row.State = TaskStates.Pending;
        row.WaitReason = $"braked: {brake.Reason}";
        row.ExecutorState = state.ToJsonString();
        if (newAttempt)
        {
            // The attempt never acted: it starts again, with the same intents, when the run is resumed.
            row.Attempt--;
            row.StartedAt = null;
            row.DeadlineAt = null;
        }

        var committed = await WriteAsync(async (connection, transaction, at) =>
        {
            if (!await FlowStore.SaveTaskAsync(connection, transaction, row, TaskStates.Running, running.Attempt, CancellationToken.None))
            {
                return false;
            }

            await FlowStore.BrakeRunAsync(connection, transaction, run.Id, brake.Reason, at, CancellationToken.None);
            await engine.Writes.EventAsync(connection, transaction, run.Id, at, "run.braked", Key, $"the action gate hit the brakes before {brake.Action}: {brake.Reason}", null);
            await engine.Writes.AuditAsync(connection, transaction, new AuditEntry(AuditActor.System, "flow.run.brake", $"run/{run.Id}", AuditOutcome.Denied, new JsonObject
            {
                ["flow"] = run.Flow,
                ["task"] = Key,
                ["action"] = brake.Action.ToString(),
                ["reason"] = brake.Reason,
            }));
            return true;
        });
        return new ExecutionEnd(Key, committed is true ? row : null, committed is true ? brake.Reason : null, committed is null);
    }

    private EventRow Event(string type, string message) => new() { RunId = run.Id, Type = type, Task = Key, Message = message };

    /// <summary>Commits a save of the task: true when committed, false when the stored row had changed, null when the lease is lost.</summary>
    private Task<bool?> SaveAsync(TaskSave save) => engine.Writes.SaveTaskAsync(lease, save);

    /// <summary>Commits a write for the run: true when committed, false when its condition failed, null when the lease is lost.</summary>
    private async Task<bool?> WriteAsync(Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, long, Task<bool>> work)
    {
        // The batcher calls the work only when the lease held.
        var reached = false;
        var done = await engine.Writes.WriteAsync(lease, async (connection, transaction, now) =>
        {
            reached = true;
            return await work(connection, transaction, now);
        });
        return done ? true : reached ? false : null;
    }
}
