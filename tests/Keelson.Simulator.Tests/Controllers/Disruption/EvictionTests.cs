using Keelson.Kubernetes;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests.Controllers.Disruption;

/// <summary>The eviction subresource and the disruption controller together, as a drain meets them.</summary>
public sealed class EvictionTests
{
    private const string Web = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: web, namespace: default}
        spec:
          replicas: 3
          podManagementPolicy: Parallel
          serviceName: web
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: nginx, image: "nginx:1.25"}]
        """;

    private const string Budget = """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: web-pdb, namespace: default}
        spec:
          minAvailable: 2
          selector: {matchLabels: {app: web}}
        """;

    [Fact]
    public async Task Eviction_OfUnreadyPodWhileTheBudgetIsMet_DeletesItWithoutSpendingTheBudget()
    {
        await using var fleet = await TestFleet.StartAsync();
        var sets = fleet.Client.Resource<StatefulSet>("default");
        await sets.CreateAsync(Manifests.FromYaml<StatefulSet>(Web.Replace("replicas: 3", "replicas: 2\n  updateStrategy: {type: OnDelete}", StringComparison.Ordinal)));
        await Eventually.Until(() => sets.GetAsync("web"), s => s.Status?.ReadyReplicas == 2, "web-0 and web-1 ready");
        // A third pod from a template that never gets ready while the test runs; OnDelete leaves the ready two alone.
        await sets.UpdateAsync("web", s =>
        {
            s.Spec!.Replicas = 3;
            s.Spec.Template!.Spec!.Containers![0].ReadinessProbe = Manifests.ReadyAfter(3600);
        });
        await fleet.WaitForPodAsync("web-2", p => p.Status?.Phase == "Running", "running");
        await fleet.Client.Resource<PodDisruptionBudget>("default").CreateAsync(Manifests.FromYaml<PodDisruptionBudget>(Budget));
        await BudgetAsync(fleet, s => s.CurrentHealthy == 2 && s.DisruptionsAllowed == 0 && s.ExpectedPods == 3);

        await fleet.Pods().EvictAsync("web-2");

        var refused = await Assert.ThrowsAsync<KubernetesApiException>(() => fleet.Pods().EvictAsync("web-1"));
        Assert.True(refused.IsTooManyRequests);
        var status = await BudgetAsync(fleet, s => s.DisruptionsAllowed == 0);
        Assert.True(status.DisruptedPods is null or { Count: 0 });
    }

    [Fact]
    public async Task KubectlDrain_OfNodeWithBudgetedPods_RetriesRefusedEvictionsUntilReplacementsAreReady()
    {
        await using var fleet = await TestFleet.StartAsync("- {name: pool, count: 2}", kubectl: true);
        // Every web pod on the node to drain: the other one is cordoned while they are placed.
        await SetUnschedulableAsync(fleet, "c1-pool-0001", true);
        await fleet.Client.Resource<StatefulSet>("default").CreateAsync(Manifests.FromYaml<StatefulSet>(Web));
        await fleet.Client.Resource<PodDisruptionBudget>("default").CreateAsync(Manifests.FromYaml<PodDisruptionBudget>(Budget));
        await BudgetAsync(fleet, s => s.CurrentHealthy == 3 && s.DisruptionsAllowed == 1);
        Assert.All(await fleet.ListPodsAsync("app=web"), p => Assert.Equal("c1-pool-0000", p.Spec!.NodeName));
        await SetUnschedulableAsync(fleet, "c1-pool-0001", false);

        var drain = await fleet.KubectlAsync("drain", "c1-pool-0000", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=120s");

        Assert.True(drain.ExitCode == 0, drain.ToString());
        Assert.Contains("Cannot evict pod as it would violate the pod's disruption budget.", drain.Error, StringComparison.Ordinal);
        Assert.Contains("node/c1-pool-0000 drained", drain.Output, StringComparison.Ordinal);
        var pods = await Eventually.Until(() => fleet.ListPodsAsync("app=web"), p => p.Count == 3 && p.All(x => x.Spec?.NodeName is not null), "the three web pods placed again");
        Assert.All(pods, p => Assert.Equal("c1-pool-0001", p.Spec!.NodeName));
    }

    private static Task<Node> SetUnschedulableAsync(TestFleet fleet, string node, bool unschedulable) =>
        fleet.Nodes.PatchAsync(node, Patch.Merge(new { spec = new { unschedulable } }));

    private static async Task<PodDisruptionBudgetStatus> BudgetAsync(TestFleet fleet, Func<PodDisruptionBudgetStatus, bool> done)
    {
        var budget = await Eventually.Until(
            () => fleet.Client.Resource<PodDisruptionBudget>("default").GetAsync("web-pdb"),
            b => b.Status is { } s && done(s),
            "the budget's status is as expected");
        return budget.Status!;
    }
}
