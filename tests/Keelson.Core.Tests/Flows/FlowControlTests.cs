using Keelson.Core.Audit;
using Keelson.Core.Flows;
using Keelson.Core.Flows.Runs;
using Keelson.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Keelson.Core.Tests.Flows;

/// <summary>Operators' controls: pause, resume, cancel, retry, skip, resume-from, approve and reject — each audited with its reason.</summary>
public sealed class FlowControlTests
{
    private const string Approval = """
        name: gated
        tasks:
          - name: ask
            uses: approval
            with: {message: "go ahead?", approvers: [alice, carol]}
          - name: act
            uses: test.step
            needs: [ask]
            with: {value: "${{ tasks.ask.outputs.approvedBy }}"}
        """;

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Approve_WaitingApproval_LetsTheRunGoOnAndIsAudited(DatabaseDialect dialect)
    {
        await using var harness = await FlowHarness.StartAsync(dialect);
        await harness.ApplyAsync(Approval);
        var id = await harness.StartAsync("gated");
        var waiting = await harness.WaitAsync(id, r => FlowHarness.TaskOf(r, "ask").State == FlowTaskState.Waiting, "wait for the approval");

        var result = await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Approve, "change window open", "ask"), CancellationToken.None);
        var run = await harness.FinishedAsync(id);

        Assert.Equal("approval: go ahead?", FlowHarness.TaskOf(waiting, "ask").WaitingFor);
        Assert.Equal(FlowCommandOutcome.Applied, result.Outcome);
        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal("alice", FlowHarness.TaskOf(run, "act").Outputs!["value"]!.GetValue<string>());
        var audit = await harness.Process.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery { Action = "flow.run.approve" }, CancellationToken.None);
        var record = Assert.Single(audit.Records);
        Assert.Equal(("alice", $"run/{id}/ask", AuditOutcome.Success), (record.Actor, record.Target, record.Outcome));
        Assert.Contains("change window open", record.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_WaitingApproval_FailsTheTaskWithTheReason()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync(Approval);
        var id = await harness.StartAsync("gated");
        await harness.WaitAsync(id, r => FlowHarness.TaskOf(r, "ask").State == FlowTaskState.Waiting, "wait for the approval");

        await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Reject, "not during the sale", "ask"), CancellationToken.None);
        var run = await harness.FinishedAsync(id);

        Assert.Equal(FlowRunState.Failed, run.State);
        Assert.Equal("rejected by alice: not during the sale", FlowHarness.TaskOf(run, "ask").Error);
        Assert.Equal(0, harness.Steps.Calls("act"));
    }

    [Fact]
    public async Task Approve_BySomeoneNotAmongTheApprovers_IsRefusedAndNamesThem()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync(Approval);
        var id = await harness.StartAsync("gated");
        await harness.WaitAsync(id, r => FlowHarness.TaskOf(r, "ask").State == FlowTaskState.Waiting, "wait for the approval");

        var result = await harness.Flows.CommandAsync(new AuditActor("bob", null), id, new FlowCommand(FlowCommandType.Approve, null, "ask"), CancellationToken.None);

        Assert.Equal(FlowCommandOutcome.Refused, result.Outcome);
        Assert.Equal("bob may not answer ask; its approvers are: alice, carol", result.Message);
        Assert.Equal(FlowTaskState.Waiting, FlowHarness.TaskOf(result.Run, "ask").State);
    }

    [Fact]
    public async Task PauseAndResume_NothingStartsOrWakesWhilePaused()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync("""
            name: two-steps
            tasks:
              - name: first
                uses: approval
                with: {message: hold}
              - name: second
                uses: test.step
                needs: [first]
            """);
        var id = await harness.StartAsync("two-steps");
        await harness.WaitAsync(id, r => FlowHarness.TaskOf(r, "first").State == FlowTaskState.Waiting, "reach the first task");

        var paused = await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Pause, "investigating an alert"), CancellationToken.None);
        var approved = await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Approve, null, "first"), CancellationToken.None);
        var resumed = await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Resume, "alert was noise"), CancellationToken.None);
        var run = await harness.FinishedAsync(id);

        Assert.Equal((FlowCommandOutcome.Applied, FlowRunState.Paused, "investigating an alert"), (paused.Outcome, paused.Run.State, paused.Run.Reason));
        Assert.Equal(FlowCommandOutcome.Applied, approved.Outcome);
        Assert.Equal((FlowTaskState.Waiting, FlowTaskState.Pending), (FlowHarness.TaskOf(approved.Run, "first").State, FlowHarness.TaskOf(approved.Run, "second").State));
        Assert.Equal(FlowCommandOutcome.Applied, resumed.Outcome);
        Assert.Equal(FlowRunState.Succeeded, run.State);
        var events = await harness.Flows.EventsAsync(id, 0, 100, CancellationToken.None);
        Assert.Contains(events, e => e is { Type: "run.paused", Actor: "alice" } && e.Message.Contains("investigating an alert", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_EndsTheRunAndItsWaitingTasks()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync(Approval);
        var id = await harness.StartAsync("gated");
        await harness.WaitAsync(id, r => FlowHarness.TaskOf(r, "ask").State == FlowTaskState.Waiting, "wait for the approval");

        var result = await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Cancel, "wrong cluster"), CancellationToken.None);
        var again = await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Resume), CancellationToken.None);

        Assert.Equal(FlowRunState.Cancelled, result.Run.State);
        Assert.Equal("wrong cluster", result.Run.Reason);
        Assert.All(result.Run.Tasks, t => Assert.Equal(FlowTaskState.Cancelled, t.State));
        Assert.Equal(FlowCommandOutcome.Refused, again.Outcome);
        Assert.Equal($"run {id} is cancelled; only a paused or braked run can be resumed", again.Message);
    }

    [Fact]
    public async Task Retry_FailedTask_RunsItAgainAndTheRunSucceeds()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync("""
            name: once-broken
            tasks:
              - name: call
                uses: test.step
                with: {failTimes: 1}
              - name: after
                uses: test.step
                needs: [call]
            """);
        var id = await harness.StartAsync("once-broken");
        var failed = await harness.FinishedAsync(id);

        var result = await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Retry, "the endpoint is back", "call"), CancellationToken.None);
        var run = await harness.WaitAsync(id, r => r.State == FlowRunState.Succeeded, "succeed after the retry");

        Assert.Equal(FlowRunState.Failed, failed.State);
        Assert.Equal(FlowCommandOutcome.Applied, result.Outcome);
        Assert.Equal(2, harness.Steps.Calls("call"));
        Assert.Equal(1, harness.Steps.Calls("after"));
        Assert.Equal(FlowTaskState.Succeeded, FlowHarness.TaskOf(run, "after").State);
    }

    [Fact]
    public async Task Skip_FailedTask_LetsTheTasksAfterItRun()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync("""
            name: broken
            tasks:
              - name: call
                uses: test.step
                with: {failTimes: 9, failKind: failed}
              - name: after
                uses: test.step
                needs: [call]
            """);
        var id = await harness.StartAsync("broken");
        await harness.FinishedAsync(id);

        var result = await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Skip, "done by hand", "call"), CancellationToken.None);
        var run = await harness.WaitAsync(id, r => r.State == FlowRunState.Succeeded, "succeed after the skip");

        Assert.Equal(FlowCommandOutcome.Applied, result.Outcome);
        Assert.Equal(FlowTaskState.Skipped, FlowHarness.TaskOf(run, "call").State);
        Assert.Equal(1, harness.Steps.Calls("after"));
    }

    [Fact]
    public async Task ResumeFrom_RunsTheTaskAndEveryTaskAfterItAgain()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync("""
            name: three
            tasks:
              - name: first
                uses: test.step
              - name: second
                uses: test.step
                needs: [first]
              - name: third
                uses: test.step
                needs: [second]
            """);
        var id = await harness.StartAsync("three");
        await harness.FinishedAsync(id);

        var result = await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.ResumeFrom, "re-check after the fix", "second"), CancellationToken.None);
        var run = await harness.WaitAsync(id, r => r.State == FlowRunState.Succeeded && r.Tasks.All(t => t.State == FlowTaskState.Succeeded), "succeed again");

        Assert.True(result.Outcome == FlowCommandOutcome.Applied, result.Message);
        Assert.Equal([1, 2, 2], new[] { "first", "second", "third" }.Select(harness.Steps.Calls));
        Assert.Equal(FlowRunState.Succeeded, run.State);
    }

    [Fact]
    public async Task Command_UnknownTask_IsRejectedAtOnceNamingTheTasks()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync(Approval);
        var id = await harness.StartAsync("gated");

        var error = await Assert.ThrowsAsync<FlowException>(() => harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Skip, null, "ack"), CancellationToken.None));

        Assert.Equal(FlowExceptionKind.NotFound, error.Kind);
        Assert.Equal($"run {id} (flow gated v1) has no task \"ack\"; its tasks are: ask, act", error.Message);
    }
}
