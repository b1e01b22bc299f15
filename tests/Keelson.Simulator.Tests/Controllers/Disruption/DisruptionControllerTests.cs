using Keelson.Kubernetes;
using Keelson.Kubernetes.Http;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests.Controllers.Disruption;

public sealed class DisruptionControllerTests
{
    private const string WebSet = """
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

    [Fact]
    public async Task Eviction_WithMinAvailable_AllowsReplicasMinusMinAvailableThenAnswers429UntilReplacementsAreReady()
    {
        await using var fleet = await TestFleet.StartAsync();
        await fleet.Client.Resource<StatefulSet>("default").CreateAsync(Manifests.FromYaml<StatefulSet>(WebSet.Replace("podManagementPolicy: Parallel", "podManagementPolicy: Parallel\n  updateStrategy: {type: OnDelete}", StringComparison.Ordinal)));
        await CreateBudgetAsync(fleet, "minAvailable: 2", "{matchLabels: {app: web}}");
        var budget = await WaitForBudgetAsync(fleet, s => s.DisruptionsAllowed == 1 && s.CurrentHealthy == 3);
        Assert.Equal((3, 2), (budget.ExpectedPods, budget.DesiredHealthy));
        var pods = await fleet.ListPodsAsync("app=web");
        // Pods created from now on (the replacement of an evicted one) take six seconds to get ready; OnDelete leaves the others alone.
        await fleet.Client.Resource<StatefulSet>("default").UpdateAsync("web", s => s.Spec!.Template!.Spec!.Containers![0].ReadinessProbe = Manifests.ReadyAfter(6));

        await fleet.Pods().EvictAsync("web-0");
        var refused = await Assert.ThrowsAsync<KubernetesApiException>(() => fleet.Pods().EvictAsync("web-1"));
        Assert.True(refused.IsTooManyRequests);
        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", refused.Status.Message);

        // The replacement of web-0 runs but is not ready yet: the budget still refuses.
        await Eventually.Until(
            () => fleet.Pods().GetOrNullAsync("web-0"),
            p => p is { Status.Phase: "Running" } && p.Metadata.Uid != pods[0].Metadata.Uid,
            "web-0 is replaced");
        await WaitForBudgetAsync(fleet, s => s.CurrentHealthy == 2 && s.DisruptionsAllowed == 0);
        var stillRefused = await Assert.ThrowsAsync<KubernetesApiException>(() => fleet.Pods().EvictAsync("web-1"));
        Assert.True(stillRefused.IsTooManyRequests);

        await WaitForBudgetAsync(fleet, s => s.CurrentHealthy == 3 && s.DisruptionsAllowed == 1);
        await fleet.Pods().EvictAsync("web-1");
    }

    [Theory]
    [InlineData("minAvailable: 2", "{matchLabels: {app: web}}", 3, 3, 2, 1, "SufficientPods")]
    [InlineData("minAvailable: 50%", "{matchLabels: {app: web}}", 3, 3, 2, 1, "SufficientPods")]
    [InlineData("maxUnavailable: 1", "{matchLabels: {app: web}}", 3, 3, 2, 1, "SufficientPods")]
    [InlineData("maxUnavailable: 50%", "{matchLabels: {app: web}}", 3, 3, 1, 2, "SufficientPods")]
    [InlineData("minAvailable: 100%", "{matchLabels: {app: web}}", 3, 3, 3, 0, "InsufficientPods")]
    [InlineData("minAvailable: 1", "{matchLabels: {statefulset.kubernetes.io/pod-name: web-0}}", 1, 1, 1, 0, "InsufficientPods")]
    [InlineData("minAvailable: 34%", "{matchLabels: {statefulset.kubernetes.io/pod-name: web-0}}", 3, 1, 2, 0, "InsufficientPods")]
    public async Task Status_OfReadyPods_CountsExpectedAndDesiredAsKubeRoundsThem(string rule, string selector, int expected, int healthy, int desired, int allowed, string reason)
    {
        await using var fleet = await TestFleet.StartAsync();
        await fleet.Client.Resource<StatefulSet>("default").CreateAsync(Manifests.FromYaml<StatefulSet>(WebSet));
        await CreateBudgetAsync(fleet, rule, selector);

        var status = await WaitForBudgetAsync(fleet, s => s.ExpectedPods == expected && s.CurrentHealthy == healthy && s.ObservedGeneration == 1);

        Assert.Equal((desired, allowed), (status.DesiredHealthy, status.DisruptionsAllowed));
        var condition = Assert.Single(status.Conditions!);
        Assert.Equal(("DisruptionAllowed", allowed > 0 ? "True" : "False", reason), (condition.Type, condition.Status, condition.Reason));
    }

    [Fact]
    public async Task Status_OfBarePodsWithMaxUnavailable_ExpectsNoPodsAndWarnsTheyAreUnmanaged()
    {
        await using var fleet = await TestFleet.StartAsync();
        for (var i = 0; i < 2; i++)
        {
            await fleet.Pods().CreateAsync(Manifests.FromYaml<Pod>($$"""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: bare-{{i}}
                  namespace: default
                  labels: {app: bare}
                spec:
                  containers: [{name: c, image: "busybox:1.36"}]
                """));
        }

        await CreateBudgetAsync(fleet, "maxUnavailable: 1", "{matchLabels: {app: bare}}");

        var status = await WaitForBudgetAsync(fleet, s => s.CurrentHealthy == 2);
        Assert.Equal((0, 0, 0), (status.ExpectedPods!.Value, status.DesiredHealthy!.Value, status.DisruptionsAllowed!.Value));
        var events = await fleet.Client.Resource<Event>("default").ListAsync(new ListOptions { FieldSelector = "involvedObject.name=web-pdb,reason=UnmanagedPods" });
        Assert.Contains("were found to be unmanaged", Assert.Single(events.Items).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisruptedPod_NotDeletedWithinTheTimeout_IsDroppedAndCountsAsHealthyAgain()
    {
        await using var fleet = await TestFleet.StartAsync(timing: "disruptionDeletionTimeout: 2s");
        await fleet.Client.Resource<StatefulSet>("default").CreateAsync(Manifests.FromYaml<StatefulSet>(WebSet));
        await CreateBudgetAsync(fleet, "minAvailable: 2", "{matchLabels: {app: web}}");
        await WaitForBudgetAsync(fleet, s => s.CurrentHealthy == 3);

        // What an eviction records when its delete then fails: the pod counts as going away.
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await fleet.Client.Resource<PodDisruptionBudget>("default").PatchStatusAsync("web-pdb", Patch.Merge(new { status = new { disruptedPods = new Dictionary<string, string> { ["web-1"] = now } } }));
        await WaitForBudgetAsync(fleet, s => s.CurrentHealthy == 2 && s.DisruptionsAllowed == 0 && s.DisruptedPods?.Count == 1);

        await WaitForBudgetAsync(fleet, s => s.CurrentHealthy == 3 && s.DisruptionsAllowed == 1 && s.DisruptedPods is null or { Count: 0 });
        // The controller records the event after it wrote the budget's status.
        var notDeleted = await fleet.WaitForEventAsync("web-1", "NotDeleted");
        Assert.Equal("Pod was expected by PDB default/default to be deleted but it wasn't", notDeleted.Message);
        Assert.Single(await fleet.EventsAsync("web-1"), e => e.Reason == "NotDeleted");
    }

    private static Task<PodDisruptionBudget> CreateBudgetAsync(TestFleet fleet, string rule, string selector) =>
        fleet.Client.Resource<PodDisruptionBudget>("default").CreateAsync(Manifests.FromYaml<PodDisruptionBudget>($"""
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: web-pdb
              namespace: default
            spec:
              {rule}
              selector: {selector}
            """));

    private static async Task<PodDisruptionBudgetStatus> WaitForBudgetAsync(TestFleet fleet, Func<PodDisruptionBudgetStatus, bool> done)
    {
        var budget = await Eventually.Until(
            () => fleet.Client.Resource<PodDisruptionBudget>("default").GetAsync("web-pdb"),
            b => b.Status is { } s && done(s),
            "the budget's status is as expected");
        return budget.Status!;
    }
}
