using Keelson.Core.Audit;
using Keelson.Core.Flows.Engine;
using Keelson.Core.Flows.Runs;
using Keelson.Kubernetes.Resources;
using Keelson.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Keelson.Core.Tests.Flows;

/// <summary>
/// Restart safety: an engine stopped dead at each point of an action — before its intent is
/// committed, after, after the action was taken, after its result was committed — and a new engine
/// started on the same database (on PostgreSQL after the old lease expires) finishes every run, with
/// each destructive action taken exactly once.
/// </summary>
public sealed class FlowRestartTests
{
    public static TheoryData<DatabaseDialect, string> CrashPoints() => new()
    {
        { DatabaseDialect.Sqlite, "intent.before" },
        { DatabaseDialect.Sqlite, "intent.recorded" },
        { DatabaseDialect.Sqlite, "action.taken" },
        { DatabaseDialect.Sqlite, "intent.done" },
        { DatabaseDialect.Postgres, "intent.before" },
        { DatabaseDialect.Postgres, "intent.recorded" },
        { DatabaseDialect.Postgres, "action.taken" },
        { DatabaseDialect.Postgres, "intent.done" },
    };

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task Delete_EngineKilledMidAction_DeletesTheObjectItSawExactlyOnce(DatabaseDialect dialect, string point)
    {
        await using var harness = await FlowHarness.StartAsync(dialect, simulator: true, options: o => o.LeaseDuration = TimeSpan.FromSeconds(1), startEngine: false);
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var configMaps = cluster.Client.Resource<ConfigMap>("default");
        await configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "target" } });
        var crash = new Crash(point);
        await harness.StartProcessAsync(crash.Hook);
        await harness.ApplyAsync("""
            name: remove
            tasks:
              - name: delete
                uses: kube.delete
                with: {cluster: c1, kind: ConfigMap, namespace: default, name: target}
            """);
        var id = await harness.StartAsync("remove");

        await crash.Reached;
        await harness.KillAsync();
        var deletedBeforeTheCrash = await configMaps.GetOrNullAsync("target") is null;
        if (deletedBeforeTheCrash)
        {
            // Someone recreates the object: a repeat of the delete would now remove the wrong one.
            await configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "target" } });
        }

        await harness.StartProcessAsync();
        var run = await harness.FinishedAsync(id);

        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal(point is "action.taken" or "intent.done", deletedBeforeTheCrash);
        Assert.Equal(1, cluster.Deletions("v1", "ConfigMap", "target"));
        Assert.Equal(deletedBeforeTheCrash, await configMaps.GetOrNullAsync("target") is not null);
        Assert.Single(await ActionsAsync(harness));
    }

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task Drain_EngineKilledMidEviction_EvictsEachPodExactlyOnce(DatabaseDialect dialect, string point)
    {
        await using var harness = await FlowHarness.StartAsync(dialect, simulator: true, options: o => o.LeaseDuration = TimeSpan.FromSeconds(1), startEngine: false);
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var node = SimulatedCluster.Node(0);
        var web = await cluster.DeploymentAsync("web", 2, node);
        var api = await cluster.DeploymentAsync("api", 1, node);
        await cluster.BudgetAsync("web", minAvailable: 0, healthy: 2);
        var crash = new Crash(point);
        await harness.StartProcessAsync(crash.Hook);
        await harness.ApplyAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Flows", "examples", "drain-node.yaml")));
        var id = await harness.StartAsync("drain-node", $$"""{"cluster": "c1", "node": "{{node}}"}""");

        await crash.Reached;
        await harness.KillAsync();
        await harness.StartProcessAsync();
        var run = await harness.FinishedAsync(id);

        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal([1, 1, 1], cluster.Deletions([.. web, .. api]));
        Assert.Empty(await cluster.PodsOnAsync(node));
        Assert.Equal(3, FlowHarness.TaskOf(run, "drain").Outputs!["evicted"]!.GetValue<int>());
        var evictions = (await ActionsAsync(harness)).Where(r => r.Details!.Contains("\"verb\":\"evict\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, evictions.Count);
        var events = await harness.Flows.EventsAsync(id, 0, 100, CancellationToken.None);
        Assert.Contains(events, e => e.Type == "run.continued");
    }

    [Fact]
    public async Task Wait_EngineKilledWhileATaskWaits_ContinuesTheWaitWithoutRunningEarlierTasksAgain()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite);
        await harness.ApplyAsync("""
            name: with-a-wait
            tasks:
              - name: before
                uses: test.step
              - name: pause
                uses: sleep
                needs: [before]
                with: {duration: 300ms}
              - name: after
                uses: test.step
                needs: [pause]
            """);
        var id = await harness.StartAsync("with-a-wait");
        await harness.WaitAsync(id, r => FlowHarness.TaskOf(r, "pause").State == FlowTaskState.Waiting, "reach the wait");

        await harness.KillAsync();
        await harness.StartProcessAsync();
        var run = await harness.FinishedAsync(id);

        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal(["before", "after"], harness.Steps.Order);
    }

    [Fact]
    public async Task TwoEnginesOnPostgres_TheSecondTakesOverTheAbandonedRunAfterItsLease()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Postgres, simulator: true, options: o => o.LeaseDuration = TimeSpan.FromSeconds(1), startEngine: false);
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var configMaps = cluster.Client.Resource<ConfigMap>("default");
        await configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "target" } });
        var crash = new Crash("action.taken");
        var first = await harness.StartProcessAsync(crash.Hook);
        await harness.ApplyAsync("""
            name: remove
            tasks:
              - name: delete
                uses: kube.delete
                with: {cluster: c1, kind: ConfigMap, namespace: default, name: target}
              - name: after
                uses: test.step
                needs: [delete]
            """);
        var id = await harness.StartAsync("remove");
        await crash.Reached;

        var second = await harness.StartProcessAsync();
        var owner = (await harness.Flows.GetRunAsync(id, CancellationToken.None))!.Owner;
        await first.GetRequiredService<FlowEngine>().KillAsync();
        var run = await harness.FinishedAsync(id);

        Assert.Equal(first.GetRequiredService<FlowEngine>().ReplicaName, owner);
        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal(1, cluster.Deletions("v1", "ConfigMap", "target"));
        Assert.Equal(1, harness.Steps.Calls("after"));
        var events = await harness.Flows.EventsAsync(id, 0, 100, CancellationToken.None);
        Assert.Contains(events, e => e.Type == "run.continued" && e.Message == $"{second.GetRequiredService<FlowEngine>().ReplicaName} continues the run");
    }

    [Fact]
    public async Task TwoEnginesOnPostgres_ShareTheQueuedRuns()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Postgres, options: o => o.MaxOwnedRuns = 4, startEngine: false);
        var first = await harness.StartProcessAsync();
        var second = await harness.StartProcessAsync();
        await harness.ApplyAsync("""
            name: short
            tasks:
              - name: step
                uses: test.step
                with: {waitFor: 200ms}
            """);
        var ids = new List<long>();
        for (var i = 0; i < 16; i++)
        {
            ids.Add(await harness.StartAsync("short"));
        }

        var starters = new List<string>();
        foreach (var id in ids)
        {
            Assert.Equal(FlowRunState.Succeeded, (await harness.FinishedAsync(id)).State);
            starters.Add((await harness.Flows.EventsAsync(id, 0, 100, CancellationToken.None)).Single(e => e.Type == "run.started").Message);
        }

        Assert.Equal(32, harness.Steps.Calls("step")); // two steps each: the wait, then the end
        Assert.Contains(starters, s => s.EndsWith(first.GetRequiredService<FlowEngine>().ReplicaName, StringComparison.Ordinal));
        Assert.Contains(starters, s => s.EndsWith(second.GetRequiredService<FlowEngine>().ReplicaName, StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<AuditRecord>> ActionsAsync(FlowHarness harness) =>
        (await harness.Process.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery { Action = "flow.action" }, CancellationToken.None)).Records;

    /// <summary>Stops the engine dead the first time its action reaches <paramref name="point"/>: the step hangs there until the engine is killed.</summary>
    private sealed class Crash(string point)
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _fired;

        public Task Reached => _reached.Task;

        public async Task Hook(string at, CancellationToken cancellationToken)
        {
            if (at == point && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                _reached.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }
}
