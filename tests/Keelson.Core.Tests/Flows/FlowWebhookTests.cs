using Keelson.Core.Flows.Runs;
using Keelson.Storage;

namespace Keelson.Core.Tests.Flows;

public sealed class FlowWebhookTests
{
    [Fact]
    public async Task HttpCall_RetriesAServerErrorWithTheSameIdempotencyKeyAndReturnsTheBody()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer(503, """{"error": "busy"}""");
        receiver.Answer(201, """{"nodes": ["n-1", "n-2"]}""");
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync($$$"""
            name: grow
            tasks:
              - name: add
                uses: http.call
                with: {url: "{{{receiver.Url}}}pools/general", body: {count: 2}}
                retry: {limit: 2, backoff: 10ms}
              - name: count
                uses: test.step
                needs: [add]
                with: {value: "${{ len(tasks.add.outputs.body.nodes) }}"}
            """);

        var run = await harness.FinishedAsync(await harness.StartAsync("grow"));

        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal(2, FlowHarness.TaskOf(run, "count").Outputs!["value"]!.GetValue<int>());
        Assert.Equal(201, FlowHarness.TaskOf(run, "add").Outputs!["status"]!.GetValue<int>());
        var requests = receiver.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(("POST", "/pools/general", 2), (r.Method, r.Path, r.Body!["count"]!.GetValue<int>())));
        Assert.NotNull(requests[0].IdempotencyKey);
        Assert.Equal(requests[0].IdempotencyKey, requests[1].IdempotencyKey);
    }

    [Fact]
    public async Task HttpCall_ClientError_FailsWithTheAnswer()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer(404, """{"error": "no such pool"}""");
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync($$$"""
            name: grow
            tasks:
              - name: add
                uses: http.call
                with: {url: "{{{receiver.Url}}}pools/huge"}
            """);

        var run = await harness.FinishedAsync(await harness.StartAsync("grow"));

        Assert.Equal(FlowRunState.Failed, run.State);
        Assert.Equal($"POST {receiver.Url}pools/huge answered 404 Not Found: {{\"error\": \"no such pool\"}}", FlowHarness.TaskOf(run, "add").Error);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Notify_PostsTheMessageWithTheRun()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync($$$"""
            name: tell
            params:
              node: string
            tasks:
              - name: notify
                uses: notify
                with: {url: "{{{receiver.Url}}}hook", message: "node ${{ params.node }} is drained", fields: {channel: ops}}
            """);

        var id = await harness.StartAsync("tell", """{"node": "worker-3"}""");
        await harness.FinishedAsync(id);

        var (_, _, _, body) = Assert.Single(receiver.Requests);
        Assert.Equal("node worker-3 is drained", body!["text"]!.GetValue<string>());
        Assert.Equal((id, "tell", "alice", "ops"), (body["run"]!.GetValue<long>(), body["flow"]!.GetValue<string>(), body["startedBy"]!.GetValue<string>(), body["channel"]!.GetValue<string>()));
    }

    [Fact]
    public async Task FlowRun_RunsTheSubFlowOnceAndWaitsForIt()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync("""
            name: child
            params:
              label: string
            tasks:
              - name: work
                uses: test.step
                with: {value: "${{ params.label }}", waitFor: 100ms}
            """);
        await harness.ApplyAsync("""
            name: parent
            params:
              labels: list
            tasks:
              - name: each
                uses: flow.run
                forEach: ${{ params.labels }}
                concurrency: 2
                with: {flow: child, params: {label: "${{ item }}"}, pollInterval: 50ms}
              - name: after
                uses: test.step
                needs: [each]
            """);

        var run = await harness.FinishedAsync(await harness.StartAsync("parent", """{"labels": ["x", "y", "z"]}"""));

        Assert.Equal(FlowRunState.Succeeded, run.State);
        var children = (await harness.Flows.ListRunsAsync(new FlowRunQuery { Flow = "child" }, CancellationToken.None)).Items;
        Assert.Equal(3, children.Count);
        Assert.All(children, c => Assert.Equal((FlowRunState.Succeeded, run.Id), (c.State, c.ParentRun!.Value)));
        Assert.Equal(["x", "y", "z"], children.Select(c => c.Params["label"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        // Elements start in order, two at a time: x and y together (which of their sub-runs is created
        // first is a race between two workers, not an order the engine promises), z only once one has finished.
        var byLabel = children.ToDictionary(c => c.Params["label"]!.GetValue<string>());
        Assert.True(byLabel["z"].CreatedAt >= new[] { byLabel["x"].FinishedAt!.Value, byLabel["y"].FinishedAt!.Value }.Min(), "z started before x or y had finished");
        Assert.Equal(6, harness.Steps.Calls("work"));
        Assert.Equal(1, harness.Steps.Calls("after"));
    }
}
