using Keelson.Core.Flows.Runs;
using Keelson.Storage;

namespace Keelson.Core.Tests.Flows;

public sealed class FlowEngineTests
{
    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Run_TasksWithNeeds_RunInOrderAndPassOutputsOn(DatabaseDialect dialect)
    {
        await using var harness = await FlowHarness.StartAsync(dialect);
        await harness.ApplyAsync("""
            name: chain
            params:
              greeting: {type: string, default: hello}
            tasks:
              - name: first
                uses: test.step
                with: {value: "${{ params.greeting }}"}
              - name: second
                uses: test.step
                needs: [first]
                with: {value: "${{ tasks.first.outputs.value }} world"}
              - name: third
                uses: test.step
                needs: [second]
                with: {value: "${{ len(tasks.second.outputs.value) }}"}
            """);

        var run = await harness.FinishedAsync(await harness.StartAsync("chain"));

        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal(["first", "second", "third"], harness.Steps.Order);
        Assert.Equal("hello world", FlowHarness.TaskOf(run, "second").Outputs!["value"]!.GetValue<string>());
        Assert.Equal(11, FlowHarness.TaskOf(run, "third").Outputs!["value"]!.GetValue<int>());
    }

    [Fact]
    public async Task Retry_TransientFailures_AreRetriedUntilTheLimit()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync("""
            name: flaky
            params:
              failures: integer
            tasks:
              - name: call
                uses: test.step
                with: {failTimes: "${{ params.failures }}"}
                retry: {limit: 2, backoff: 10ms}
            """);

        var recovered = await harness.FinishedAsync(await harness.StartAsync("flaky", """{"failures": 2}"""));
        var exhausted = await harness.FinishedAsync(await harness.StartAsync("flaky", """{"failures": 3}"""));

        Assert.Equal(FlowRunState.Succeeded, recovered.State);
        Assert.Equal(3, FlowHarness.TaskOf(recovered, "call").Attempt);
        Assert.Equal(FlowRunState.Failed, exhausted.State);
        Assert.Equal(3, FlowHarness.TaskOf(exhausted, "call").Attempt);
        Assert.Contains("attempt 3 of call failed on purpose", exhausted.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_FailureOfAKindNotListed_IsNotRetried()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync("""
            name: invalid-input
            tasks:
              - name: call
                uses: test.step
                with: {failTimes: 5, failKind: invalid}
                retry: {limit: 3, backoff: 10ms, errors: any}
            """);

        var run = await harness.FinishedAsync(await harness.StartAsync("invalid-input"));

        Assert.Equal(FlowRunState.Failed, run.State);
        Assert.Equal(1, harness.Steps.Calls("call"));
    }

    [Fact]
    public async Task When_False_SkipsTheTaskAndItsDependentsStillRun()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync("""
            name: optional
            params:
              notify: {type: boolean, default: false}
            tasks:
              - name: tell
                uses: test.step
                when: params.notify
              - name: after
                uses: test.step
                needs: [tell]
                with: {value: "${{ tasks.tell.status }}"}
            """);

        var run = await harness.FinishedAsync(await harness.StartAsync("optional"));

        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal(FlowTaskState.Skipped, FlowHarness.TaskOf(run, "tell").State);
        Assert.Equal("skipped", FlowHarness.TaskOf(run, "after").Outputs!["value"]!.GetValue<string>());
        Assert.Equal(["after"], harness.Steps.Order);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task ForEach_RunsOncePerElementAndCollectsTheOutputs(DatabaseDialect dialect)
    {
        await using var harness = await FlowHarness.StartAsync(dialect);
        await harness.ApplyAsync("""
            name: fan-out
            params:
              clusters: list
            tasks:
              - name: each
                uses: test.step
                forEach: ${{ params.clusters }}
                concurrency: 2
                with: {value: "${{ format('{0}:{1}', index, item) }}"}
              - name: total
                uses: test.step
                needs: [each]
                with: {value: "${{ len(tasks.each.outputs.items) }}"}
            """);

        var run = await harness.FinishedAsync(await harness.StartAsync("fan-out", """{"clusters": ["a", "b", "c", "d", "e"]}"""));

        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal(["0:a", "1:b", "2:c", "3:d", "4:e"], Enumerable.Range(0, 5).Select(i => FlowHarness.TaskOf(run, "each", i).Outputs!["value"]!.GetValue<string>()));
        Assert.Equal(5, FlowHarness.TaskOf(run, "total").Outputs!["value"]!.GetValue<int>());
    }

    [Fact]
    public async Task OnFailure_ContinueLetsDependentsRunAndCompensateRunsTheCompensatingTask()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync("""
            name: failures
            tasks:
              - name: optional
                uses: test.step
                with: {failTimes: 1, failKind: failed}
                onFailure: continue
              - name: main
                uses: test.step
                needs: [optional]
                with: {failTimes: 1, failKind: failed, value: "${{ tasks.optional.status }}"}
                onFailure: compensate
                compensate:
                  uses: test.step
                  with: {value: "${{ error.message }}"}
              - name: never
                uses: test.step
                needs: [main]
            """);

        var run = await harness.FinishedAsync(await harness.StartAsync("failures"));

        Assert.Equal(FlowRunState.Failed, run.State);
        Assert.Equal(FlowTaskState.Failed, FlowHarness.TaskOf(run, "optional").State);
        Assert.Equal(FlowTaskState.Failed, FlowHarness.TaskOf(run, "main").State);
        Assert.Equal("attempt 1 of main failed on purpose", FlowHarness.TaskOf(run, "main/compensate").Outputs!["value"]!.GetValue<string>());
        Assert.Equal(FlowTaskState.Pending, FlowHarness.TaskOf(run, "never").State);
        Assert.Equal(["optional", "main", "main/compensate"], harness.Steps.Order);
        Assert.StartsWith("task main failed", run.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_AWaitLongerThanTheTimeout_FailsTheTask()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync("""
            name: slow
            tasks:
              - name: wait
                uses: test.step
                with: {waitFor: 1h}
                timeout: 200ms
            """);

        var run = await harness.FinishedAsync(await harness.StartAsync("slow"));

        Assert.Equal(FlowRunState.Failed, run.State);
        Assert.Contains("did not finish within its timeout of 200ms", FlowHarness.TaskOf(run, "wait").Error, StringComparison.Ordinal);
    }
}
