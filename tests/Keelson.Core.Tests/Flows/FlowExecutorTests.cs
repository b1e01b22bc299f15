using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Keelson.Core.Flows.Runs;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Keelson.Core.Tests.Flows;

/// <summary>Each executor against a simulated cluster over HTTP, counted in the simulator's own store.</summary>
public sealed class FlowExecutorTests
{
    [Fact]
    public async Task Apply_CreatesThenChangesObjects()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true);
        using var cluster = new SimulatedCluster(harness.Simulator!);
        await harness.ApplyAsync("""
            name: config
            params:
              colour: string
            tasks:
              - name: apply
                uses: kube.apply
                with:
                  cluster: c1
                  namespace: default
                  manifest:
                    - {apiVersion: v1, kind: ConfigMap, metadata: {name: settings}, data: {colour: "${{ params.colour }}"}}
                    - {apiVersion: v1, kind: ConfigMap, metadata: {name: other}, data: {fixed: "yes"}}
            """);

        var first = await harness.FinishedAsync(await harness.StartAsync("config", """{"colour": "blue"}"""));
        var second = await harness.FinishedAsync(await harness.StartAsync("config", """{"colour": "green"}"""));

        Assert.Equal(FlowRunState.Succeeded, first.State);
        Assert.Equal(FlowRunState.Succeeded, second.State);
        var settings = await cluster.Client.Resource<ConfigMap>("default").GetAsync("settings");
        Assert.Equal("green", settings.Data!["colour"]);
        var applied = FlowHarness.TaskOf(second, "apply").Outputs!["applied"]!.AsArray();
        Assert.Equal(settings.Metadata.Uid, applied[0]!["uid"]!.GetValue<string>());
        Assert.Equal(2, applied.Count);
    }

    [Fact]
    public async Task Patch_ChangesTheObject()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true);
        using var cluster = new SimulatedCluster(harness.Simulator!);
        await cluster.Client.Resource<ConfigMap>("default").CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "settings" } });
        await harness.ApplyAsync("""
            name: label
            tasks:
              - name: patch
                uses: kube.patch
                with: {cluster: c1, kind: ConfigMap, namespace: default, name: settings, patch: {metadata: {labels: {team: payments}}}}
            """);

        var run = await harness.FinishedAsync(await harness.StartAsync("label"));

        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal("payments", (await cluster.Client.Resource<ConfigMap>("default").GetAsync("settings")).Metadata.Label("team"));
    }

    [Fact]
    public async Task Delete_DeletesOnceAndReportsAnObjectAlreadyGone()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true);
        using var cluster = new SimulatedCluster(harness.Simulator!);
        await cluster.Client.Resource<ConfigMap>("default").CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "old" } });
        await harness.ApplyAsync("""
            name: remove
            tasks:
              - name: delete
                uses: kube.delete
                with: {cluster: c1, kind: ConfigMap, namespace: default, name: old}
            """);

        var deleted = await harness.FinishedAsync(await harness.StartAsync("remove"));
        var absent = await harness.FinishedAsync(await harness.StartAsync("remove"));

        Assert.True(FlowHarness.TaskOf(deleted, "delete").Outputs!["deleted"]!.GetValue<bool>());
        Assert.False(FlowHarness.TaskOf(absent, "delete").Outputs!["deleted"]!.GetValue<bool>());
        Assert.Equal(1, cluster.Deletions("v1", "ConfigMap", "old"));
        var audit = await harness.Process.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery { Action = "flow.action" }, CancellationToken.None);
        var record = Assert.Single(audit.Records);
        Assert.Equal("cluster/c1", record.Target);
        Assert.Contains("\"verb\":\"delete\"", record.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scale_SetsReplicasAndRemembersThePreviousCount()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true);
        using var cluster = new SimulatedCluster(harness.Simulator!);
        await cluster.Client.Resource<Deployment>("default").CreateAsync(Web(replicas: 3));
        await harness.ApplyAsync("""
            name: shrink
            tasks:
              - name: scale
                uses: kube.scale
                with: {cluster: c1, namespace: default, name: web, replicas: 1}
            """);

        var run = await harness.FinishedAsync(await harness.StartAsync("shrink"));

        Assert.Equal(3, FlowHarness.TaskOf(run, "scale").Outputs!["previousReplicas"]!.GetValue<int>());
        Assert.Equal(1, (await cluster.Client.Resource<Deployment>("default").GetAsync("web")).Spec!.Replicas);
    }

    [Fact]
    public async Task CordonAndUncordon_SetTheNodesSchedulability()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true);
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var node = SimulatedCluster.Node(0);
        await harness.ApplyAsync("""
            name: cordon-twice
            params:
              node: string
            tasks:
              - name: cordon
                uses: kube.cordon
                with: {cluster: c1, node: "${{ params.node }}"}
              - name: again
                uses: kube.cordon
                needs: [cordon]
                with: {cluster: c1, node: "${{ params.node }}"}
            """);
        await harness.ApplyAsync("""
            name: uncordon
            params:
              node: string
            tasks:
              - name: uncordon
                uses: kube.uncordon
                with: {cluster: c1, node: "${{ params.node }}"}
            """);

        var cordoned = await harness.FinishedAsync(await harness.StartAsync("cordon-twice", $$"""{"node": "{{node}}"}"""));
        var whileCordoned = await cluster.Client.Resource<Node>().GetAsync(node);
        await harness.FinishedAsync(await harness.StartAsync("uncordon", $$"""{"node": "{{node}}"}"""));

        Assert.True(FlowHarness.TaskOf(cordoned, "cordon").Outputs!["changed"]!.GetValue<bool>());
        Assert.False(FlowHarness.TaskOf(cordoned, "again").Outputs!["changed"]!.GetValue<bool>());
        Assert.True(whileCordoned.Spec!.Unschedulable);
        Assert.NotEqual(true, (await cluster.Client.Resource<Node>().GetAsync(node)).Spec?.Unschedulable);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Drain_RespectsTheDisruptionBudgetAndLeavesDaemonSetPods(DatabaseDialect dialect)
    {
        await using var harness = await FlowHarness.StartAsync(dialect, simulator: true);
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var node = SimulatedCluster.Node(1);
        var logs = await cluster.DaemonSetAsync("logs");
        var web = await cluster.DeploymentAsync("web", 2, node);
        var webElsewhere = (await cluster.DeploymentAsync("web", 3, SimulatedCluster.Node(2))).ExceptBy(web.Select(p => p.Metadata.Uid), p => p.Metadata.Uid).ToList();
        var worker = await cluster.DeploymentAsync("worker", 1, node);
        await cluster.BudgetAsync("web", minAvailable: 3, healthy: 3);
        var onNode = await cluster.PodsOnAsync(node);
        await harness.ApplyAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Flows", "examples", "drain-node.yaml")));

        var id = await harness.StartAsync("drain-node", $$"""{"cluster": "c1", "node": "{{node}}"}""");
        var blocked = await harness.WaitAsync(id, r => FlowHarness.TaskOf(r, "drain").WaitingFor?.Contains("disruption budget", StringComparison.Ordinal) == true, "wait for the budget");
        await cluster.SetMinAvailableAsync("web", 2);
        var run = await harness.FinishedAsync(id);

        Assert.Equal(4, onNode.Count);
        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.All(web, p => Assert.Contains($"default/{p.Metadata.Name}: The disruption budget web needs 3 healthy pods", FlowHarness.TaskOf(blocked, "drain").WaitingFor, StringComparison.Ordinal));
        Assert.Contains("evictions refused: default/web-", FlowHarness.TaskOf(blocked, "drain").WaitingFor, StringComparison.Ordinal);
        Assert.Equal(3, FlowHarness.TaskOf(run, "drain").Outputs!["evicted"]!.GetValue<int>());
        Assert.Equal(1, FlowHarness.TaskOf(run, "drain").Outputs!["daemonSetPods"]!.GetValue<int>());
        Assert.Equal([1, 1, 1], cluster.Deletions([.. web, .. worker]));
        Assert.Equal([0, 0, 0, 0], cluster.Deletions([.. webElsewhere, .. logs]));
        Assert.Equal([logs.Single(p => p.Spec!.NodeName == node).Metadata.Uid], (await cluster.PodsOnAsync(node)).Select(p => p.Metadata.Uid));
        Assert.True((await cluster.Client.Resource<Node>().GetAsync(node)).Spec!.Unschedulable);
        Assert.Equal(FlowTaskState.Skipped, FlowHarness.TaskOf(run, "tell-owners").State);
    }

    [Fact]
    public async Task Drain_ThatTimesOut_UncordonsTheNodeAgainAndNamesThePodsLeft()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true);
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var node = SimulatedCluster.Node(0);
        var db = Assert.Single(await cluster.DeploymentAsync("db", 1, node));
        await cluster.BudgetAsync("db", minAvailable: 1, healthy: 1);
        await harness.ApplyAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Flows", "examples", "drain-node.yaml")));

        var run = await harness.FinishedAsync(await harness.StartAsync("drain-node", $$"""{"cluster": "c1", "node": "{{node}}", "timeout": "300ms"}"""));

        Assert.Equal(FlowRunState.Failed, run.State);
        Assert.Contains($"drain of node {node} on cluster c1 did not finish within 300ms: 1 pod(s) remain on node {node}: default/{db.Metadata.Name}; evictions refused: default/{db.Metadata.Name}: The disruption budget db needs 1 healthy pods", FlowHarness.TaskOf(run, "drain").Error, StringComparison.Ordinal);
        Assert.Equal(FlowTaskState.Succeeded, FlowHarness.TaskOf(run, "drain/compensate").State);
        Assert.NotEqual(true, (await cluster.Client.Resource<Node>().GetAsync(node)).Spec?.Unschedulable);
        Assert.Equal([0], cluster.Deletions([db]));
        Assert.Equal([db.Metadata.Uid], (await cluster.PodsOnAsync(node)).Select(p => p.Metadata.Uid));
    }

    [Fact]
    public async Task Evict_WaitsWhileTheBudgetRefusesThenEvicts()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true);
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var api = Assert.Single(await cluster.DeploymentAsync("api", 1));
        await cluster.BudgetAsync("api", minAvailable: 1, healthy: 1);
        await harness.ApplyAsync($$"""
            name: evict-one
            tasks:
              - name: evict
                uses: kube.evict
                with: {cluster: c1, namespace: default, pod: {{api.Metadata.Name}}, gracePeriodSeconds: 0, pollInterval: 50ms}
            """);

        var id = await harness.StartAsync("evict-one");
        var refused = await harness.WaitAsync(id, r => FlowHarness.TaskOf(r, "evict").WaitingFor?.Contains("the eviction is refused", StringComparison.Ordinal) == true, "be refused");
        await cluster.SetMinAvailableAsync("api", 0);
        var run = await harness.FinishedAsync(id);

        Assert.Contains("The disruption budget api needs 1 healthy pods", FlowHarness.TaskOf(refused, "evict").WaitingFor, StringComparison.Ordinal);
        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.True(FlowHarness.TaskOf(run, "evict").Outputs!["evicted"]!.GetValue<bool>());
        Assert.Equal([1], cluster.Deletions([api]));
    }

    [Fact]
    public async Task Wait_SucceedsOnceTheDeploymentIsAvailable()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true);
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var node = SimulatedCluster.Node(1);
        var web = Web(replicas: 2);
        web.Spec!.Template!.Spec!.NodeSelector = new Dictionary<string, string> { ["disktype"] = "ssd" }; // no node has it yet
        await cluster.Client.Resource<Deployment>("default").CreateAsync(web);
        await harness.ApplyAsync("""
            name: wait-web
            tasks:
              - name: available
                uses: kube.wait
                with: {cluster: c1, apiVersion: apps/v1, kind: Deployment, namespace: default, name: web, condition: available, pollInterval: 50ms}
            """);

        var id = await harness.StartAsync("wait-web");
        var waiting = await harness.WaitAsync(id, r => FlowHarness.TaskOf(r, "available").WaitingFor?.Contains("0 of 2 available, 2 updated, 2 in total", StringComparison.Ordinal) == true, "wait for the pods to be placed");
        await cluster.Client.Resource<Node>().PatchAsync(node, Patch.Merge(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["disktype"] = "ssd" } } }));
        var run = await harness.FinishedAsync(id);

        Assert.Equal(FlowTaskState.Waiting, FlowHarness.TaskOf(waiting, "available").State);
        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal("2 of 2 available, 2 updated, 2 in total", FlowHarness.TaskOf(run, "available").Outputs!["observed"]!.GetValue<string>());
        Assert.All(await cluster.PodsOnAsync(node), p => Assert.Equal("web", p.Metadata.Label("app")));
        Assert.Equal(2, (await cluster.PodsOnAsync(node)).Count);
    }

    [Fact]
    public async Task Plan_DrainNode_ListsTheEvictionsAndTheCordonWithoutActing()
    {
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true);
        using var cluster = new SimulatedCluster(harness.Simulator!);
        var node = SimulatedCluster.Node(2);
        var logs = await cluster.DaemonSetAsync("logs");
        var web = Assert.Single(await cluster.DeploymentAsync("web", 1, node));
        await harness.ApplyAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Flows", "examples", "drain-node.yaml")));

        var plan = await harness.Flows.PlanAsync("drain-node", null, JsonNode.Parse($$"""{"cluster": "c1", "node": "{{node}}"}""")!.AsObject(), CancellationToken.None);

        var c1 = Assert.Single(plan.Clusters);
        Assert.Equal("c1", c1.Cluster);
        Assert.Equal([$"default/{web.Metadata.Name}"], c1.Evict.Select(a => $"{a.Namespace}/{a.Name}"));
        Assert.Equal([$"Node {node}"], c1.Change.Select(a => $"{a.Kind} {a.Name}"));
        Assert.Empty(c1.Delete);
        Assert.Equal("skipped: \"params.notifyUrl\" is false", plan.Tasks.Single(t => t.Task == "tell-owners").Note);
        Assert.NotEqual(true, (await cluster.Client.Resource<Node>().GetAsync(node)).Spec?.Unschedulable);
        Assert.Equal([0, 0, 0, 0], cluster.Deletions([web, .. logs]));
    }

    private static Deployment Web(int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "registry.example.com/web:1" }] },
            },
        },
    };
}
