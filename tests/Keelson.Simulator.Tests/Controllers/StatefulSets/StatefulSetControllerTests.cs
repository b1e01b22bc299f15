using System.Globalization;
using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Watch;

namespace Keelson.Simulator.Tests.Controllers.StatefulSets;

public sealed class StatefulSetControllerTests
{
    [Fact]
    public async Task OrderedReady_CreatesEachPodOnlyOnceItsPredecessorIsReady()
    {
        await using var fleet = await TestFleet.StartAsync();
        await using var events = await PodEvents.StartAsync(fleet.Pods());
        // Each pod takes a second to get ready, so a controller that did not wait would create its successor early.
        var set = await Sets(fleet).CreateAsync(Manifests.FromYaml<StatefulSet>(Web(replicas: 3, readyAfterSeconds: 1)));

        var status = await WaitForStatusAsync(fleet, s => s.ReadyReplicas == 3 && s.AvailableReplicas == 3);
        Assert.Equal(["web-0", "web-1", "web-2"], events.Names(WatchEventType.Added));
        foreach (var state in events.States())
        {
            // Whenever pod N existed, every pod below it was there and ready.
            foreach (var ordinal in state.Keys.Select(name => int.Parse(name["web-".Length..], CultureInfo.InvariantCulture)).Where(o => o > 0))
            {
                Assert.True(state.TryGetValue($"web-{ordinal - 1}", out var predecessor) && TestFleet.IsReady(predecessor), $"web-{ordinal} existed while web-{ordinal - 1} was not ready");
            }
        }

        Assert.Equal((3, 3, 1L), (status.CurrentReplicas, status.UpdatedReplicas, status.ObservedGeneration));
        Assert.Equal(status.CurrentRevision, status.UpdateRevision);

        var web1 = await fleet.Pods().GetAsync("web-1");
        Assert.Equal("web-1", web1.Metadata.Labels!["statefulset.kubernetes.io/pod-name"]);
        Assert.Equal("1", web1.Metadata.Labels["apps.kubernetes.io/pod-index"]);
        Assert.Equal(status.UpdateRevision, web1.Metadata.Labels["controller-revision-hash"]);
        Assert.Equal(("web-1", "web"), (web1.Spec!.Hostname, web1.Spec.Subdomain));
        var owner = Assert.Single(web1.Metadata.OwnerReferences!);
        Assert.Equal(("StatefulSet", "web", set.Metadata.Uid, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller));
        Assert.Equal("data-web-1", web1.Spec.Volumes!.Single(v => v.Name == "data").PersistentVolumeClaim!.ClaimName);

        var created = await fleet.Client.Resource<Event>("default").ListAsync(new ListOptions { FieldSelector = "involvedObject.name=web,reason=SuccessfulCreate" });
        Assert.Contains("create Pod web-0 in StatefulSet web successful", created.Items.Select(e => e.Message));
    }

    [Fact]
    public async Task MinReadySeconds_DelaysAvailabilityAndTheNextPod()
    {
        await using var fleet = await TestFleet.StartAsync();
        await Sets(fleet).CreateAsync(Manifests.FromYaml<StatefulSet>(Web(replicas: 2, extra: "minReadySeconds: 2")));

        await WaitForStatusAsync(fleet, s => s.ReadyReplicas == 1 && s.AvailableReplicas == 0);
        Assert.Equal(["web-0"], (await fleet.ListPodsAsync("app=web")).Select(p => p.Metadata.Name));

        await WaitForStatusAsync(fleet, s => s.ReadyReplicas == 2 && s.AvailableReplicas == 2);
    }

    [Fact]
    public async Task ScaleDown_WithOrderedReady_RemovesHighestOrdinalsFirst()
    {
        await using var fleet = await TestFleet.StartAsync();
        await Sets(fleet).CreateAsync(Manifests.FromYaml<StatefulSet>(Web(replicas: 3)));
        await WaitForStatusAsync(fleet, s => s.ReadyReplicas == 3);
        await using var events = await PodEvents.StartAsync(fleet.Pods());

        await Sets(fleet).ScaleAsync("web", 1);

        await WaitForStatusAsync(fleet, s => s.Replicas == 1 && s.ReadyReplicas == 1);
        await Eventually.Until(() => fleet.ListPodsAsync("app=web"), p => p.Count == 1, "the removed pods to finish terminating");
        Assert.Equal(["web-2", "web-1"], events.Names(WatchEventType.Deleted));
        Assert.Equal(["web-0"], (await fleet.ListPodsAsync("app=web")).Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task Parallel_CreatesEveryPodWithoutWaitingForReadiness()
    {
        await using var fleet = await TestFleet.StartAsync();
        // Pods that would take an hour to get ready: with OrderedReady only the first would ever be created.
        await Sets(fleet).CreateAsync(Manifests.FromYaml<StatefulSet>(Web(replicas: 3, extra: "podManagementPolicy: Parallel", readyAfterSeconds: 3600)));

        var status = await WaitForStatusAsync(fleet, s => s.Replicas == 3);

        Assert.Equal(0, status.ReadyReplicas ?? 0);
    }

    [Fact]
    public async Task RollingUpdate_WithPartition_UpdatesOnlyOrdinalsAtOrAboveItHighestFirst()
    {
        await using var fleet = await TestFleet.StartAsync();
        await Sets(fleet).CreateAsync(Manifests.FromYaml<StatefulSet>(Web(replicas: 3, extra: "updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}")));
        var before = await WaitForStatusAsync(fleet, s => s.ReadyReplicas == 3);
        await using var events = await PodEvents.StartAsync(fleet.Pods());

        await Sets(fleet).PatchAsync("web", Patch.Merge(new { spec = new { template = new { spec = new { containers = new[] { new { name = "nginx", image = "nginx:1.26" } } } } } }));

        var after = await WaitForStatusAsync(fleet, s => s.UpdatedReplicas == 2 && s.ReadyReplicas == 3 && s.UpdateRevision != before.UpdateRevision);
        Assert.Equal((before.CurrentRevision, 1), (after.CurrentRevision, after.CurrentReplicas));
        var images = (await fleet.ListPodsAsync("app=web")).ToDictionary(p => p.Metadata.Name!, p => p.Spec!.Containers![0].Image);
        Assert.Equal(new Dictionary<string, string?> { ["web-0"] = "nginx:1.25", ["web-1"] = "nginx:1.26", ["web-2"] = "nginx:1.26" }, images);
        Assert.Equal(["web-2", "web-1"], events.Names(WatchEventType.Deleted));

        await Sets(fleet).PatchAsync("web", Patch.Merge(new { spec = new { updateStrategy = new { rollingUpdate = new { partition = 0 } } } }));

        var done = await WaitForStatusAsync(fleet, s => s.CurrentRevision == after.UpdateRevision && s.ReadyReplicas == 3);
        Assert.Equal((3, 3), (done.CurrentReplicas, done.UpdatedReplicas));
        Assert.Equal("nginx:1.26", (await fleet.Pods().GetAsync("web-0")).Spec!.Containers![0].Image);
    }

    [Fact]
    public async Task OnDelete_ReplacesPodsWithTheNewTemplateOnlyWhenTheyAreDeleted()
    {
        await using var fleet = await TestFleet.StartAsync();
        await Sets(fleet).CreateAsync(Manifests.FromYaml<StatefulSet>(Web(replicas: 2, extra: "updateStrategy: {type: OnDelete}")));
        await WaitForStatusAsync(fleet, s => s.ReadyReplicas == 2);

        await Sets(fleet).PatchAsync("web", Patch.Merge(new { spec = new { template = new { spec = new { containers = new[] { new { name = "nginx", image = "nginx:1.26" } } } } } }));
        var pending = await WaitForStatusAsync(fleet, s => s.ObservedGeneration == 2);
        Assert.Equal(0, pending.UpdatedReplicas ?? 0);

        await fleet.Pods().DeleteAsync("web-1");

        await WaitForStatusAsync(fleet, s => s.UpdatedReplicas == 1 && s.ReadyReplicas == 2);
        var images = (await fleet.ListPodsAsync("app=web")).Select(p => p.Spec!.Containers![0].Image);
        Assert.Equal(["nginx:1.25", "nginx:1.26"], images);
    }

    [Fact]
    public async Task Revisions_OfTemplateChanges_AreNumberedReusedOnRollBackAndTrimmedToTheLimit()
    {
        await using var fleet = await TestFleet.StartAsync();
        await Sets(fleet).CreateAsync(Manifests.FromYaml<StatefulSet>(Web(replicas: 1, extra: "revisionHistoryLimit: 1")));
        var first = (await WaitForStatusAsync(fleet, s => s.ReadyReplicas == 1)).UpdateRevision;

        var second = await SetImageAsync(fleet, "nginx:1.26", first);
        var back = await SetImageAsync(fleet, "nginx:1.25", second);
        Assert.Equal(first, back);

        var revisions = await Eventually.Until(
            async () => (await fleet.Client.Resource<ControllerRevision>("default").ListAsync()).Items,
            r => r.Count == 2,
            "the two revisions remain");
        Assert.Equal(new Dictionary<string, long?> { [second!] = 2, [first!] = 3 }, revisions.ToDictionary(r => r.Metadata.Name!, r => r.Revision));
        Assert.All(revisions, r => Assert.StartsWith("web-", r.Metadata.Name, StringComparison.Ordinal));

        var third = await SetImageAsync(fleet, "nginx:1.27", back);
        await Eventually.True(
            async () => (await fleet.Client.Resource<ControllerRevision>("default").ListAsync()).Items.Select(r => r.Metadata.Name).Order().SequenceEqual(new[] { back, third }.Order()),
            "the oldest unused revision is removed");
    }

    [Fact]
    public async Task Kubectl_RolloutStatusAndHistory_FollowTheRollingUpdate()
    {
        await using var fleet = await TestFleet.StartAsync(kubectl: true);
        // The strategy as kube-apiserver defaults it (kubectl reads it; the simulator's defaulting lands separately).
        await Sets(fleet).CreateAsync(Manifests.FromYaml<StatefulSet>(Web(replicas: 2, extra: "updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 0}}")));
        await WaitForStatusAsync(fleet, s => s.ReadyReplicas == 2);
        await Sets(fleet).PatchAsync("web", Patch.Merge(new { spec = new { template = new { spec = new { containers = new[] { new { name = "nginx", image = "nginx:1.26" } } } } } }));

        var status = await fleet.KubectlAsync("rollout", "status", "statefulset/web", "--timeout=90s");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("partitioned roll out complete: 2 new pods have been updated...", status.Output, StringComparison.Ordinal);
        Assert.All(await fleet.ListPodsAsync("app=web"), p => Assert.Equal("nginx:1.26", p.Spec!.Containers![0].Image));
        var history = await fleet.KubectlAsync("rollout", "history", "statefulset/web");
        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Matches(@"(?m)^1\s+<none>\s*$", history.Output);
        Assert.Matches(@"(?m)^2\s+<none>\s*$", history.Output);
    }

    private static async Task<string?> SetImageAsync(TestFleet fleet, string image, string? from)
    {
        await Sets(fleet).PatchAsync("web", Patch.Merge(new { spec = new { template = new { spec = new { containers = new[] { new { name = "nginx", image } } } } } }));
        return (await WaitForStatusAsync(fleet, s => s.UpdateRevision != from && s.CurrentRevision == s.UpdateRevision && s.ReadyReplicas == 1)).UpdateRevision;
    }

    private static string Web(int replicas, string extra = "", int readyAfterSeconds = 0) => $$$"""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: web, namespace: default}
        spec:
          replicas: {{{replicas}}}
          serviceName: web
          selector: {matchLabels: {app: web}}
          {{{extra}}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: nginx
                  image: "nginx:1.25"
                  {{{(readyAfterSeconds > 0 ? $"readinessProbe: {{tcpSocket: {{port: 8080}}, initialDelaySeconds: {readyAfterSeconds}, periodSeconds: 1}}" : "")}}}
          volumeClaimTemplates:
            - metadata: {name: data}
              spec:
                accessModes: [ReadWriteOnce]
                resources: {requests: {storage: 1Gi}}
        """;

    private static ResourceClient<StatefulSet> Sets(TestFleet fleet) => fleet.Client.Resource<StatefulSet>("default");

    private static async Task<StatefulSetStatus> WaitForStatusAsync(TestFleet fleet, Func<StatefulSetStatus, bool> done)
    {
        var set = await Eventually.Until(() => Sets(fleet).GetAsync("web"), s => s.Status is { } status && done(status), "the StatefulSet's status is as expected");
        return set.Status!;
    }
}
