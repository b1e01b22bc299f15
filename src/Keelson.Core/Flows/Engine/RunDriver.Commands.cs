using System.Data.Common;
using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Keelson.Core.Flows.Definitions;
using Keelson.Core.Flows.Runs;

namespace Keelson.Core.Flows.Engine;

/// <summary>Operators' commands: each is checked against the run as it stands and applied in one commit with its audit record, or refused with the reason.</summary>
internal sealed partial class RunDriver
{
    private async Task ApplyCommandsAsync()
    {
        while (_commands.TryPeek(out var command))
        {
            string? refusal;
            try
            {
                refusal = await ApplyAsync(command);
            }
            catch (Exception e) when (e is StaleStateException || e.InnerException is StaleStateException)
            {
                refusal = new StaleStateException().Message;
            }

            if (refusal is not null)
            {
                await RefuseAsync(command, refusal);
            }

            _commands.Dequeue();
        }
    }

    /// <summary>Applies <paramref name="command"/>; returns why it was refused, or null when applied.</summary>
    private async Task<string?> ApplyAsync(CommandRow command)
    {
        if (!Enum.TryParse<FlowCommandType>(command.Type.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var type))
        {
            return $"\"{command.Type}\" is not a command";
        }

        var reason = command.Reason is { Length: > 0 } r ? $": {r}" : "";
        switch (type)
        {
            case FlowCommandType.Pause:
                if (_run.State is not (RunStates.Pending or RunStates.Running or RunStates.Braked))
                {
                    return $"run {_run.Id} is {_run.State}; only a queued, running or braked run can be paused";
                }

                await SetRunStateAsync(RunStates.Paused, command.Reason ?? $"paused by {command.Actor}", "run.paused", $"{command.Actor} paused the run{reason}", command);
                return null;
            case FlowCommandType.Resume:
                if (_run.State is not (RunStates.Paused or RunStates.Braked))
                {
                    return $"run {_run.Id} is {_run.State}; only a paused or braked run can be resumed";
                }

                await SetRunStateAsync(RunStates.Running, null, "run.resumed", $"{command.Actor} resumed the run{reason}", command);
                return null;
            case FlowCommandType.Cancel:
                return await CancelAsync(command, reason);
            case FlowCommandType.Brake:
                if (_run.State is not (RunStates.Pending or RunStates.Running))
                {
                    return $"run {_run.Id} is {_run.State}; only a queued or running run is braked";
                }

                await SetRunStateAsync(RunStates.Braked, command.Reason, "run.braked", $"{command.Actor} braked the run{reason}", command);
                return null;
        }

        if (command.Task is null || !_flow.ByName.TryGetValue(command.Task, out var task))
        {
            return $"flow {_flow.Name} v{_flow.Version} has no task \"{command.Task}\"; its tasks are: {string.Join(", ", _flow.ByName.Keys)}";
        }

        var key = command.Item is { } item ? $"{task.Name}[{item}]" : task.Name;
        if (!_rows.TryGetValue(key, out var row))
        {
            return $"task {key} of run {_run.Id} has not started";
        }

        if (_run.State == RunStates.Cancelled)
        {
            return $"run {_run.Id} was cancelled; start a new run instead";
        }

        return type switch
        {
            FlowCommandType.Retry => await RetryAsync(command, task, row, reason),
            FlowCommandType.Skip => await SkipCommandAsync(command, task, row, reason),
            FlowCommandType.ResumeFrom => await ResumeFromAsync(command, task, row, reason),
            _ => await AnswerAsync(command, task, row, type == FlowCommandType.Approve, reason),
        };
    }

    private async Task<string?> CancelAsync(CommandRow command, string reason)
    {
        if (Finished)
        {
            return $"run {_run.Id} has already ended ({_run.State})";
        }

        var message = $"{command.Actor} cancelled the run{reason}";
        await WriteAsync(async (connection, transaction, now) =>
        {
            await FlowStore.CancelTasksAsync(connection, transaction, _run.Id, now, CancellationToken.None);
            await FlowStore.SetRunStateAsync(connection, transaction, _run.Id, RunStates.Cancelled, command.Reason ?? message, now, CancellationToken.None);
            await CommandRecordsAsync(connection, transaction, command, "run.cancelled", null, message, now);
            return true;
        });
        foreach (var execution in _active.Values)
        {
            execution.Cancel();
        }

        foreach (var row in _rows.Values.Where(r => !r.IsFinished))
        {
            row.State = TaskStates.Cancelled;
            row.FinishedAt = Now;
            row.WakeAt = null;
            UpdateScope(row);
        }

        _run.State = RunStates.Cancelled;
        _run.Reason = command.Reason ?? message;
        if (_run.ParentRun is { } parent && _run.ParentTask is { } parentTask)
        {
            _wakeParent(parent, parentTask);
        }

        return null;
    }

    private async Task<string?> RetryAsync(CommandRow command, CompiledTask task, TaskRow row, string reason)
    {
        if (row.State != TaskStates.Failed)
        {
            return $"task {row.Key} is {row.State}; only a failed task can be retried";
        }

        // A failed forEach task retries its failed elements; the others keep what they did.
        var resets = new List<(TaskRow Current, TaskRow Reset)> { (row, row.Item == TaskRow.WholeTask && task.ForEach is not null ? Reopened(row) : Fresh(row)) };
        if (row.Item == TaskRow.WholeTask && task.ForEach is not null)
        {
            resets.AddRange(Items(task.Name).Where(i => i.State is TaskStates.Failed).Select(i => (i, Fresh(i))));
        }

        if (row.Item >= 0 && _rows[task.Name] is { State: TaskStates.Failed } parent)
        {
            resets.Add((parent, Reopened(parent)));
        }

        await ResetAsync(command, resets, task.Compensation is { } c && row.Item == TaskRow.WholeTask ? [c.Name] : [], "task.retried", row.Key,
            $"{command.Actor} retried {row.Key}{reason}");
        return null;
    }

    private async Task<string?> SkipCommandAsync(CommandRow command, CompiledTask task, TaskRow row, string reason)
    {
        if (row.State is not (TaskStates.Pending or TaskStates.Failed or TaskStates.Waiting) || _active.ContainsKey(row.Key))
        {
            return row.State == TaskStates.Running || _active.ContainsKey(row.Key)
                ? $"task {row.Key} is running a step now; pause the run, wait for the step to end, then skip it"
                : $"task {row.Key} is {row.State}; only a pending, waiting or failed task can be skipped";
        }

        var message = $"{command.Actor} skipped {row.Key}{reason}";
        var changes = new List<(TaskRow Current, TaskRow Skipped)> { (row, Skipped(row)) };
        if (row.Item == TaskRow.WholeTask && task.ForEach is not null)
        {
            changes.AddRange(Items(task.Name).Where(i => !i.IsFinished && !_active.ContainsKey(i.Key)).Select(i => (i, Skipped(i))));
        }

        await WriteAsync(async (connection, transaction, now) =>
        {
            foreach (var (current, skipped) in changes)
            {
                Require(await FlowStore.SaveTaskAsync(connection, transaction, skipped, current.State, current.Attempt, CancellationToken.None));
            }

            if (Finished)
            {
                await FlowStore.SetRunStateAsync(connection, transaction, _run.Id, RunStates.Running, null, now, CancellationToken.None);
            }

            await CommandRecordsAsync(connection, transaction, command, "task.skipped", row.Key, message, now);
            return true;
        });
        Adopt(changes.Select(c => c.Skipped));
        Reopen();
        return null;
    }

    private async Task<string?> ResumeFromAsync(CommandRow command, CompiledTask task, TaskRow row, string reason)
    {
        if (row.Item != TaskRow.WholeTask || task.CompensationFor is not null)
        {
            return "resume from names a task of the flow (not an element of a forEach or a compensating task)";
        }

        var affected = _flow.WithDescendants(task);
        var names = affected.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var busy = _rows.Values.Where(r => names.Contains(BaseName(r.Name)) && (r.State is TaskStates.Running or TaskStates.Waiting || _active.ContainsKey(r.Key))).Select(r => r.Key).ToList();
        if (busy.Count > 0)
        {
            return $"{string.Join(", ", busy)} {(busy.Count == 1 ? "is" : "are")} still running or waiting; pause the run and let them end (or cancel the run) first";
        }

        var resets = affected.Select(t => _rows[t.Name]).Where(r => r.State != TaskStates.Pending || r.Attempt > 0).Select(r => (r, Fresh(r))).ToList();
        var removed = _rows.Values.Where(r => names.Contains(BaseName(r.Name)) && (r.Item >= 0 || r.Name != BaseName(r.Name))).Select(r => r.Key).ToList();
        await ResetAsync(command, resets, [.. affected.Where(t => t.Compensation is not null).Select(t => t.Compensation!.Name)], "task.resumed", row.Key,
            $"{command.Actor} resumed the run from {row.Key} ({affected.Count} task(s) run again){reason}");
        foreach (var key in removed)
        {
            _rows.Remove(key);
        }

        return null;
    }

    private async Task<string?> AnswerAsync(CommandRow command, CompiledTask task, TaskRow row, bool approve, string reason)
    {
        if (!task.Executor.AcceptsApproval)
        {
            return $"task {row.Key} runs {task.Executor.Name}, not an approval; only approval tasks are approved or rejected";
        }

        if (row.State != TaskStates.Waiting || _active.ContainsKey(row.Key))
        {
            return $"task {row.Key} is {row.State}, not waiting for an approval";
        }

        var state = row.ExecutorState is { } json ? JsonNode.Parse(json)!.AsObject() : [];
        if (state["approval"] is not null)
        {
            return $"task {row.Key} has already been answered";
        }

        var inputs = row.Inputs is { } stored ? JsonNode.Parse(stored)!.AsObject() : [];
        var approvers = inputs["approvers"] is JsonArray list ? list.Select(a => a?.GetValue<string>()).ToList() : [];
        if (approvers.Count > 0 && !approvers.Contains(command.Actor))
        {
            return $"{command.Actor} may not answer {row.Key}; its approvers are: {string.Join(", ", approvers)}";
        }

        state["approval"] = new JsonObject { ["approved"] = approve, ["by"] = command.Actor, ["reason"] = command.Reason };
        var answered = row.Copy();
        answered.ExecutorState = state.ToJsonString();
        answered.WakeAt = Now;
        var type = approve ? "task.approved" : "task.rejected";
        var message = $"{command.Actor} {(approve ? "approved" : "rejected")} {row.Key}{reason}";
        await WriteAsync(async (connection, transaction, now) =>
        {
            Require(await FlowStore.SaveTaskAsync(connection, transaction, answered, row.State, row.Attempt, CancellationToken.None));
            await CommandRecordsAsync(connection, transaction, command, type, row.Key, message, now);
            return true;
        });
        Adopt([answered]);
        return null;
    }

    private async Task ResetAsync(CommandRow command, List<(TaskRow Current, TaskRow Reset)> resets, IReadOnlyList<string> compensations, string type, string task, string message)
    {
        var reopen = Finished;
        await WriteAsync(async (connection, transaction, now) =>
        {
            foreach (var (current, reset) in resets)
            {
                Require(await FlowStore.SaveTaskAsync(connection, transaction, reset, current.State, current.Attempt, CancellationToken.None));
                if (current.Item == TaskRow.WholeTask && reset.State == TaskStates.Pending)
                {
                    await FlowStore.DeleteTaskItemsAsync(connection, transaction, _run.Id, current.Name, CancellationToken.None);
                }
            }

            foreach (var compensation in compensations)
            {
                await FlowStore.DeleteTaskAsync(connection, transaction, _run.Id, compensation, CancellationToken.None);
            }

            if (reopen)
            {
                await FlowStore.SetRunStateAsync(connection, transaction, _run.Id, RunStates.Running, null, now, CancellationToken.None);
            }

            await CommandRecordsAsync(connection, transaction, command, type, task, message, now);
            return true;
        });
        foreach (var (current, reset) in resets.Where(r => r.Current.Item == TaskRow.WholeTask && r.Reset.State == TaskStates.Pending))
        {
            foreach (var item in Items(current.Name))
            {
                _rows.Remove(item.Key);
            }
        }

        foreach (var compensation in compensations)
        {
            _rows.Remove(compensation);
        }

        Adopt(resets.Select(r => r.Reset));
        Reopen();
    }

    private async Task RefuseAsync(CommandRow command, string message)
    {
        await WriteAsync(async (connection, transaction, now) =>
        {
            await _engine.Writes.AuditAsync(connection, transaction, new AuditEntry(new AuditActor(command.Actor, command.SourceIp), $"flow.run.{command.Type}", Target(command), AuditOutcome.Failed, new JsonObject
            {
                ["flow"] = _run.Flow,
                ["reason"] = command.Reason,
                ["refused"] = message,
            }));
            await FinishCommandAsync(connection, transaction, command, FlowCommandOutcomes.Refused, message, now);
            return true;
        });
    }

    /// <summary>The event, audit record and command completion every applied command writes.</summary>
    private async Task CommandRecordsAsync(DbConnection connection, DbTransaction transaction, CommandRow command, string type, string? task, string message, long now)
    {
        await _engine.Writes.EventAsync(connection, transaction, _run.Id, now, type, task, message, command.Actor);
        await _engine.Writes.AuditAsync(connection, transaction, new AuditEntry(new AuditActor(command.Actor, command.SourceIp), $"flow.run.{command.Type}", Target(command), AuditOutcome.Success, new JsonObject
        {
            ["flow"] = _run.Flow,
            ["reason"] = command.Reason,
        }));
        await FinishCommandAsync(connection, transaction, command, FlowCommandOutcomes.Applied, message, now);
    }

    private string Target(CommandRow command) =>
        command.Task is null ? $"run/{_run.Id}" : $"run/{_run.Id}/{command.Task}{(command.Item is { } i ? $"[{i}]" : "")}";

    private void Adopt(IEnumerable<TaskRow> rows)
    {
        foreach (var row in rows)
        {
            _rows[row.Key] = row;
            UpdateScope(row);
        }
    }

    /// <summary>After a retry, skip or resume-from, a run that had ended runs again.</summary>
    private void Reopen()
    {
        if (Finished)
        {
            _run.State = RunStates.Running;
            _run.Reason = null;
        }
    }

    private static TaskRow Fresh(TaskRow row) => new()
    {
        RunId = row.RunId,
        Name = row.Name,
        Item = row.Item,
        State = TaskStates.Pending,
        Generation = row.Generation + 1,
        ItemValue = row.ItemValue,
    };

    private static TaskRow Reopened(TaskRow parent)
    {
        var row = parent.Copy();
        row.State = TaskStates.Running;
        row.Error = null;
        row.ErrorKind = null;
        row.FinishedAt = null;
        return row;
    }

    private TaskRow Skipped(TaskRow row)
    {
        var skipped = row.Copy();
        skipped.State = TaskStates.Skipped;
        skipped.FinishedAt = Now;
        skipped.WakeAt = null;
        return skipped;
    }

    private static string BaseName(string name) => name.Split('/')[0];

    private static void Require(bool saved)
    {
        if (!saved)
        {
            throw new StaleStateException();
        }
    }
}
