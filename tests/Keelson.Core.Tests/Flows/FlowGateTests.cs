using System.Collections.Concurrent;
using Keelson.Core.Audit;
using Keelson.Core.Flows;
using Keelson.Core.Flows.Runs;
using Keelson.Kubernetes.Resources;
using Keelson.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Keelson.Core.Tests.Flows;

/// <summary>The action gate: every cluster change is classified and asked about; a denial fails the task, a brake pauses the run visibly.</summary>
public sealed class FlowGateTests
{
    private const string Cordon = """
        name: cordon-one
        params:
          node: string
        tasks:
          - name: cordon
            uses: kube.cordon
            with: {cluster: c1, node: "${{ params.node }}"}
            retry: {limit: 3, backoff: 10ms, errors: any}
        """;

    [Fact]
    public async Task Gate_SeesTheClassifiedActionWithRunAndTask()
    {
        var gate = new ScriptedGate();
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true, configure: s => s.AddSingleton<IActionGate>(gate));
        await harness.ApplyAsync(Cordon);
        var node = SimulatedCluster.Node(0);

        var id = await harness.StartAsync("cordon-one", $$"""{"node": "{{node}}"}""");
        await harness.FinishedAsync(id);

        var request = Assert.Single(gate.Requests);
        Assert.Equal(new FlowAction(FlowActionVerb.Cordon, "Node", "c1", null, request.Action.Names), request.Action);
        Assert.Equal([node], request.Action.Names);
        Assert.Equal((id, "cordon-one", "cordon", "alice"), (request.RunId, request.Flow, request.Task, request.StartedBy));
    }

    [Fact]
    public async Task Deny_FailsTheTaskWithoutRetryingAndAuditsTheDenial()
    {
        var gate = new ScriptedGate { Next = GateDecision.Deny("freeze window: no node changes until 18:00") };
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true, configure: s => s.AddSingleton<IActionGate>(gate));
        using var cluster = new SimulatedCluster(harness.Simulator!);
        await harness.ApplyAsync(Cordon);

        var run = await harness.FinishedAsync(await harness.StartAsync("cordon-one", $$"""{"node": "{{SimulatedCluster.Node(0)}}"}"""));

        Assert.Equal(FlowRunState.Failed, run.State);
        Assert.Equal(1, FlowHarness.TaskOf(run, "cordon").Attempt);
        Assert.Equal($"the action gate denied cordon Node {SimulatedCluster.Node(0)} on cluster c1: freeze window: no node changes until 18:00", FlowHarness.TaskOf(run, "cordon").Error);
        Assert.NotEqual(true, (await cluster.Client.Resource<Node>().GetAsync(SimulatedCluster.Node(0))).Spec?.Unschedulable);
        var denied = await harness.Process.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery { Action = "flow.action", Outcome = AuditOutcome.Denied }, CancellationToken.None);
        Assert.Single(denied.Records);
    }

    [Fact]
    public async Task Brake_PausesTheRunAsBrakedUntilAnOperatorResumesIt()
    {
        var gate = new ScriptedGate { Next = GateDecision.Brake("eviction budget for 5m is used up") };
        await using var harness = await FlowHarness.StartAsync(DatabaseDialect.Sqlite, simulator: true, configure: s => s.AddSingleton<IActionGate>(gate));
        using var cluster = new SimulatedCluster(harness.Simulator!);
        await harness.ApplyAsync(Cordon);
        var id = await harness.StartAsync("cordon-one", $$"""{"node": "{{SimulatedCluster.Node(1)}}"}""");

        var braked = await harness.WaitAsync(id, r => r.State == FlowRunState.Braked, "brake");
        var result = await harness.Flows.CommandAsync(FlowHarness.Operator, id, new FlowCommand(FlowCommandType.Resume, "budget raised by the on-call"), CancellationToken.None);
        var run = await harness.FinishedAsync(id);

        Assert.Equal("eviction budget for 5m is used up", braked.Reason);
        Assert.Equal(FlowTaskState.Pending, FlowHarness.TaskOf(braked, "cordon").State);
        Assert.Equal("braked: eviction budget for 5m is used up", FlowHarness.TaskOf(braked, "cordon").WaitingFor);
        Assert.Equal(FlowCommandOutcome.Applied, result.Outcome);
        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal(1, FlowHarness.TaskOf(run, "cordon").Attempt);
        Assert.True((await cluster.Client.Resource<Node>().GetAsync(SimulatedCluster.Node(1))).Spec!.Unschedulable);
        Assert.Equal(2, gate.Requests.Count);
    }

    /// <summary>A gate that answers <see cref="Next"/> once, then allows, and keeps every request.</summary>
    private sealed class ScriptedGate : IActionGate
    {
        public GateDecision? Next { get; set; }

        public ConcurrentQueue<ActionGateRequest> Requests { get; } = new();

        public Task<GateDecision> CheckAsync(ActionGateRequest request, CancellationToken cancellationToken)
        {
            Requests.Enqueue(request);
            var decision = Next ?? GateDecision.Allow;
            Next = null;
            return Task.FromResult(decision);
        }
    }
}
