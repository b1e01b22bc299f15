using Keelson.Kubernetes;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;
using Keelson.Simulator.Tests.Controllers.Pods;

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
        await using var fleet = await TestFleet.StartAsync(autoReady: false);
        await fleet.Client.Resource<StatefulSet>("default").CreateAsync(TestFleet.Manifest<StatefulSet>(Web));
        await fleet.Client.Resource<PodDisruptionBudget>("default").CreateAsync(TestFleet.Manifest<PodDisruptionBudget>(Budget));
        await Eventually.True(async () => (await fleet.ListPodsAsync("app=web")).Count(p => p.Status?.Phase == "Running") == 3, "three web pods run");
        fleet.Kubelet.SetReady("default", "web-0", ready: true);
        fleet.Kubelet.SetReady("default", "web-1", ready: true);
        await BudgetAsync(fleet, s => s.CurrentHealthy == 2 && s.DisruptionsAllowed == 0);

        await fleet.Pods().EvictAsync("web-2");

        var refused = await Assert.ThrowsAsync<KubernetesApiException>(() => fleet.Pods().EvictAsync("web-1"));
        Assert.True(refused.IsTooManyRequests);
        var status = await BudgetAsync(fleet, s => s.DisruptionsAllowed == 0);
        Assert.True(status.DisruptedPods is null or { Count: 0 });
    }

    [Fact]
    public async Task KubectlDrain_OfNodeWithBudgetedPods_RetriesRefusedEvictionsUntilReplacementsAreReady()
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"keelson-drain-{Guid.NewGuid():N}.yaml");
        try
        {
            await using var fleet = await TestFleet.StartAsync(autoReady: true, nodePools: "[{name: pool, count: 2}]", kubeconfig: kubeconfig);
            await fleet.Client.Resource<StatefulSet>("default").CreateAsync(TestFleet.Manifest<StatefulSet>(Web));
            await fleet.Client.Resource<PodDisruptionBudget>("default").CreateAsync(TestFleet.Manifest<PodDisruptionBudget>(Budget));
            await BudgetAsync(fleet, s => s.CurrentHealthy == 3 && s.DisruptionsAllowed == 1);
            Assert.All(await fleet.ListPodsAsync("app=web"), p => Assert.Equal("c1-pool-0000", p.Spec!.NodeName));

            var (exit, output) = await Kubectl.RunAsync(kubeconfig, "drain", "c1-pool-0000", "--ignore-daemonsets", "--timeout=120s");

            Assert.True(exit == 0, output);
            Assert.Contains("Cannot evict pod as it would violate the pod's disruption budget.", output, StringComparison.Ordinal);
            Assert.Contains("node/c1-pool-0000 drained", output, StringComparison.Ordinal);
            Assert.All(await fleet.ListPodsAsync("app=web"), p => Assert.Equal("c1-pool-0001", p.Spec!.NodeName));
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    private static async Task<PodDisruptionBudgetStatus> BudgetAsync(TestFleet fleet, Func<PodDisruptionBudgetStatus, bool> done)
    {
        var budget = await Eventually.Get(
            () => fleet.Client.Resource<PodDisruptionBudget>("default").GetAsync("web-pdb"),
            b => b.Status is { } s && done(s),
            "the budget's status is as expected");
        return budget.Status!;
    }
}
