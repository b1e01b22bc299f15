using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Keelson.Core.Flows.Runs;
using Keelson.Core.Guardrails;
using Keelson.Core.Tests.Flows;
using Keelson.Kubernetes.Resources;
using Keelson.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Keelson.Core.Tests.Guardrails;

/// <summary>Guardrails in front of real flows against the simulated cluster over HTTP.</summary>
public sealed class GuardrailFlowTests
{
    private const string Runaway = """
        name: runaway
        params:
          pods: list
        tasks:
          - name: evict
            uses: kube.evict
            forEach: ${{ params.pods }}
            with: {cluster: c1, namespace: default, pod: "${{ item }}", gracePeriodSeconds: 0}
        """;

    private static readonly AuditActor Admin = new("root", "10.0.0.1");

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task RunawayEvictions_StopAtTheBudget_OpenTheCircuit_BrakeTheRun_AndPage_AndARestartDoesNotRefill(DatabaseDialect dialect)
    {
        const int Limit = 25;
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await FlowHarness.StartAsync(dialect, simulator: true, options: o => o.LeaseDuration = TimeSpan.FromSeconds(2), configure: s => s.AddKeelsonGuardrails(o => o.NotificationUrl = receiver.Url));
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var pods = await CreatePodsAsync(cluster, 300);
        await Guardrails(harness).SetBudgetAsync(Admin, new BudgetChange { Verb = "evict", Kind = "Pod", Window = "1m", Limit = Limit }, CancellationToken.None);
        await harness.ApplyAsync(Runaway);

        var id = await harness.StartAsync("runaway", new JsonObject { ["pods"] = new JsonArray([.. pods.Select(p => JsonValue.Create(p))]) }.ToJsonString());
        var braked = await harness.WaitAsync(id, r => r.State == FlowRunState.Braked && r.Tasks.All(t => t.Item is null || t.State != FlowTaskState.Running), "brake");
        var notification = await NotificationAsync(receiver, 1);
        var evicted = await EvictedAsync(cluster, pods);

        Assert.Equal(Limit, evicted);
        Assert.StartsWith($"budget \"evict Pod per cluster over 1m (limit {Limit})\" is used up on cluster c1: {Limit} used, 1 more wanted by evict Pod default/", braked.Reason, StringComparison.Ordinal);
        Assert.Equal(Limit, braked.Tasks.Count(t => t.Item is not null && t.State == FlowTaskState.Succeeded));
        var circuit = Assert.Single((await Guardrails(harness).StatusAsync(CancellationToken.None)).Circuits);
        Assert.Equal(("cluster/c1", id), (circuit.Scope, circuit.RunId));
        Assert.Equal("guardrails.circuit.opened", notification["event"]!.GetValue<string>());
        Assert.Equal("cluster/c1", notification["scope"]!.GetValue<string>());
        Assert.Equal(("evict", "Pod", "1m", Limit, Limit), (notification["budget"]!["verb"]!.GetValue<string>(), notification["budget"]!["kind"]!.GetValue<string>(), notification["budget"]!["window"]!.GetValue<string>(), notification["budget"]!["limit"]!.GetValue<int>(), notification["budget"]!["used"]!.GetValue<int>()));
        Assert.Equal((id, "runaway", "alice"), (notification["run"]!["id"]!.GetValue<long>(), notification["run"]!["flow"]!.GetValue<string>(), notification["run"]!["startedBy"]!.GetValue<string>()));

        // A restart keeps what was spent: after an admin resets the circuit and the run is resumed,
        // the very next eviction finds the 1m budget still used up, so the circuit opens again.
        await harness.KillAsync();
        await harness.StartProcessAsync();
        var usedAfterRestart = (await Guardrails(harness).BudgetsAsync(CancellationToken.None)).Single(b => b is { Verb: "evict", Kind: "Pod", Scope: BudgetScope.Cluster, Window: "1m" }).Used["c1"];
        await Guardrails(harness).ResetCircuitAsync(Admin, "cluster/c1", "looking into it", CancellationToken.None);
        await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Resume, "try again"), CancellationToken.None);
        var reopened = await NotificationAsync(receiver, 2);
        var brakedAgain = await harness.WaitAsync(id, r => r.State == FlowRunState.Braked && r.Tasks.All(t => t.Item is null || t.State != FlowTaskState.Running), "brake again");

        Assert.Equal(Limit, usedAfterRestart);
        Assert.Contains($"{Limit} used, 1 more wanted", brakedAgain.Reason, StringComparison.Ordinal);
        Assert.Equal(Limit, await EvictedAsync(cluster, pods));
        Assert.Equal(2, receiver.Requests.Count);
        Assert.True(reopened["openedAt"]!.GetValue<DateTimeOffset>() > notification["openedAt"]!.GetValue<DateTimeOffset>());
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task OpeningACircuit_BrakesEveryOtherRunThatActedInItsScope_AndOnlyThose(DatabaseDialect dialect)
    {
        await using var harness = await FlowHarness.StartAsync(dialect, simulator: true, configure: s => s.AddKeelsonGuardrails());
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var pods = await CreatePodsAsync(cluster, 6);
        await Guardrails(harness).SetBudgetAsync(Admin, new BudgetChange { Verb = "evict", Kind = "Pod", Window = "1m", Limit = 3 }, CancellationToken.None);
        await harness.ApplyAsync(Runaway);
        await harness.ApplyAsync($$"""
            name: evict-then-ask
            tasks:
              - name: evict
                uses: kube.evict
                with: {cluster: c1, namespace: default, pod: {{pods[0]}}, gracePeriodSeconds: 0}
              - name: ask
                uses: approval
                needs: [evict]
                with: {message: "evict the rest?"}
            """);
        await harness.ApplyAsync("""
            name: only-asks
            tasks:
              - name: ask
                uses: approval
                with: {message: "anything?"}
            """);
        var acted = await harness.StartAsync("evict-then-ask");
        var idle = await harness.StartAsync("only-asks");
        await harness.WaitAsync(acted, r => FlowHarness.TaskOf(r, "ask").State == FlowTaskState.Waiting, "the first eviction");
        await harness.WaitAsync(idle, r => FlowHarness.TaskOf(r, "ask").State == FlowTaskState.Waiting, "the question");

        var runaway = await harness.StartAsync("runaway", new JsonObject { ["pods"] = new JsonArray([.. pods.Skip(1).Select(p => JsonValue.Create(p))]) }.ToJsonString());
        await harness.WaitAsync(runaway, r => r.State == FlowRunState.Braked, "the runaway to be braked");
        var braked = await harness.WaitAsync(acted, r => r.State == FlowRunState.Braked, "the run that evicted on c1 to be braked too");

        Assert.StartsWith("circuit cluster/c1 opened: budget \"evict Pod per cluster over 1m (limit 3)\" is used up on cluster c1", braked.Reason, StringComparison.Ordinal);
        Assert.Equal(FlowRunState.Running, (await harness.Flows.GetRunAsync(idle, CancellationToken.None))!.State);
        Assert.Equal(3, await EvictedAsync(cluster, pods));
        var opened = await harness.Process.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery { Action = "guardrails.circuit.open" }, CancellationToken.None);
        Assert.Contains($"\"brakedRuns\":[{acted}]", Assert.Single(opened.Records).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetCircuit_AfterTheBudgetIsRaised_LetsTheResumedRunFinish()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true, configure: s => s.AddKeelsonGuardrails());
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var pods = await CreatePodsAsync(cluster, 5);
        await Guardrails(harness).SetBudgetAsync(Admin, new BudgetChange { Verb = "evict", Kind = "Pod", Window = "1m", Limit = 3 }, CancellationToken.None);
        await harness.ApplyAsync(Runaway);
        var id = await harness.StartAsync("runaway", new JsonObject { ["pods"] = new JsonArray([.. pods.Select(p => JsonValue.Create(p))]) }.ToJsonString());
        await harness.WaitAsync(id, r => r.State == FlowRunState.Braked, "brake");

        await Guardrails(harness).SetBudgetAsync(Admin, new BudgetChange { Verb = "evict", Kind = "Pod", Window = "1m", Limit = 5 }, CancellationToken.None);
        await Guardrails(harness).ResetCircuitAsync(Admin, "cluster/c1", "budget raised for the planned maintenance", CancellationToken.None);
        await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Resume, "go on"), CancellationToken.None);
        var run = await harness.FinishedAsync(id);

        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal(5, await EvictedAsync(cluster, pods));
        var reset = await harness.Process.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery { Action = "guardrails.circuit.reset" }, CancellationToken.None);
        Assert.Equal(("root", "circuit/cluster/c1"), (Assert.Single(reset.Records).Actor, reset.Records[0].Target));
    }

    [Fact]
    public async Task EmergencyBrake_BrakesEvictions_ButReadsAndWaitsRun()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true, configure: s => s.AddKeelsonGuardrails());
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var pods = await CreatePodsAsync(cluster, 1);
        await harness.ApplyAsync($$"""
            name: wait-then-evict
            tasks:
              - name: wait
                uses: kube.wait
                with: {cluster: c1, kind: Pod, namespace: default, name: {{pods[0]}}, condition: exists, pollInterval: 50ms}
              - name: evict
                uses: kube.evict
                needs: [wait]
                with: {cluster: c1, namespace: default, pod: {{pods[0]}}, gracePeriodSeconds: 0}
            """);
        await Guardrails(harness).EngageBrakeAsync(Admin, "incident 4711: stop all disruption", CancellationToken.None);

        var id = await harness.StartAsync("wait-then-evict");
        var braked = await harness.WaitAsync(id, r => r.State == FlowRunState.Braked, "brake");
        var evictedWhileBraked = await EvictedAsync(cluster, pods);
        await Guardrails(harness).ReleaseBrakeAsync(Admin, "incident over", CancellationToken.None);
        await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Resume, "brake released"), CancellationToken.None);
        var run = await harness.FinishedAsync(id);

        Assert.Equal(FlowTaskState.Succeeded, FlowHarness.TaskOf(braked, "wait").State);
        Assert.Equal(FlowTaskState.Pending, FlowHarness.TaskOf(braked, "evict").State);
        Assert.StartsWith("the emergency brake is on (pulled by root", braked.Reason, StringComparison.Ordinal);
        Assert.Equal(0, evictedWhileBraked);
        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal(1, await EvictedAsync(cluster, pods));
    }

    [Fact]
    public async Task DryRun_ShowsTheBudgetsAFlowWouldDrawOn_AndWhichItWouldExceed()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true, configure: s => s.AddKeelsonGuardrails());
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var pods = await CreatePodsAsync(cluster, 5);
        await Guardrails(harness).SetBudgetAsync(Admin, new BudgetChange { Verb = "evict", Kind = "Pod", Window = "1m", Limit = 3 }, CancellationToken.None);
        await harness.ApplyAsync(Runaway);

        var plan = await harness.Flows.PlanAsync("runaway", null, new JsonObject { ["pods"] = new JsonArray([.. pods.Select(p => JsonValue.Create(p))]) }, CancellationToken.None);

        var oneMinute = plan.Findings.Single(f => f.Subject == "evict Pod per cluster over 1m (limit 3) on cluster/c1");
        var fiveMinutes = plan.Findings.Single(f => f.Subject == "evict Pod per cluster over 5m (limit 150) on cluster/c1");
        Assert.Equal(("guardrails", true, "would exceed: 0 used + 5 planned > 3; the action that runs it out would be braked and circuit cluster/c1 would open"), (oneMinute.Check, oneMinute.WouldStop, oneMinute.Message));
        Assert.Equal((false, "fits: 0 used + 5 planned of 150"), (fiveMinutes.WouldStop, fiveMinutes.Message));
        Assert.Contains(plan.Findings, f => f.Subject == "evict Pod fleet-wide over 1m (limit 200) on fleet" && !f.WouldStop);
        Assert.Equal(0, await EvictedAsync(cluster, pods));
    }

    private static GuardrailService Guardrails(FlowHarness harness) => harness.Process.GetRequiredService<GuardrailService>();

    /// <summary>Plain pods (no controller to recreate them) spread over the cluster's nodes.</summary>
    private static async Task<IReadOnlyList<string>> CreatePodsAsync(SimulatedCluster cluster, int count)
    {
        var names = Enumerable.Range(0, count).Select(i => $"victim-{i:D3}").ToList();
        foreach (var chunk in names.Chunk(20))
        {
            await Task.WhenAll(chunk.Select((name, i) => cluster.Client.Resource<Pod>("default").CreateAsync(new Pod
            {
                Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new Dictionary<string, string> { ["app"] = "victim" } },
                Spec = new PodSpec { NodeName = SimulatedCluster.Node(i % 3), Containers = [new Container { Name = "app", Image = "registry.example.com/app:1" }] },
            })));
        }

        return names;
    }

    /// <summary>How many of <paramref name="pods"/> the simulator no longer runs (gone, or being deleted).</summary>
    private static async Task<int> EvictedAsync(SimulatedCluster cluster, IReadOnlyList<string> pods)
    {
        var running = (await cluster.Client.Resource<Pod>("default").ListAsync()).Items
            .Where(p => p.Metadata.DeletionTimestamp is null)
            .Select(p => p.Metadata.Name)
            .ToHashSet(StringComparer.Ordinal);
        return pods.Count(p => !running.Contains(p));
    }

    private static async Task<JsonNode> NotificationAsync(WebhookReceiver receiver, int count)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (receiver.Requests.Count < count)
        {
            Assert.True(DateTime.UtcNow < until, $"the webhook received {receiver.Requests.Count} notification(s) within 30s, not {count}");
            await Task.Delay(20);
        }

        return receiver.Requests.ElementAt(count - 1).Body!;
    }
}
