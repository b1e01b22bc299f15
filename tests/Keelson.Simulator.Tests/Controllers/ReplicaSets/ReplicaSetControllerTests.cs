using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests.Controllers.ReplicaSets;

public sealed class ReplicaSetControllerTests
{
    [Fact]
    public async Task ReplicaSet_WhenCreated_RunsItsReplicasAsControlledPodsAndReportsThem()
    {
        await using var fleet = await TestFleet.StartAsync();
        var replicaSets = fleet.Client.Resource<ReplicaSet>("default");
        await replicaSets.CreateAsync(Manifests.ReplicaSet("web", 3));

        var rs = await Eventually.Until(() => replicaSets.GetAsync("web"), r => r.Status?.AvailableReplicas == 3, "3 available replicas");

        Assert.Equal(3, rs.Status!.Replicas);
        Assert.Equal(3, rs.Status.ReadyReplicas);
        Assert.Equal(3, rs.Status.FullyLabeledReplicas);
        Assert.Equal(1, rs.Status.ObservedGeneration);
        var pods = (await fleet.Client.Resource<Pod>("default").ListAsync(new ListOptions { LabelSelector = "app=web" })).Items;
        Assert.Equal(3, pods.Count);
        Assert.All(pods, pod =>
        {
            Assert.Matches("^web-[bcdfghjklmnpqrstvwxz2456789]{5}$", pod.Metadata.Name);
            var owner = Assert.Single(pod.Metadata.OwnerReferences!);
            Assert.Equal(("apps/v1", "ReplicaSet", "web", rs.Metadata.Uid), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid));
            Assert.True(owner.Controller);
            Assert.True(owner.BlockOwnerDeletion);
        });
        var events = (await fleet.Client.Resource<Event>("default").ListAsync(new ListOptions { FieldSelector = "involvedObject.name=web" })).Items;
        Assert.Equal(
            pods.Select(p => $"Created pod: {p.Metadata.Name}").Order(),
            events.Where(e => e.Reason == "SuccessfulCreate").Select(e => e.Message).Order());
    }

    [Fact]
    public async Task ReplicaSet_WhenScaledDown_DeletesNotReadyPodsBeforeReadyOnes()
    {
        await using var fleet = await TestFleet.StartAsync();
        var replicaSets = fleet.Client.Resource<ReplicaSet>("default");
        var pods = fleet.Client.Resource<Pod>("default");
        await replicaSets.CreateAsync(Manifests.ReplicaSet("api", 1));
        var keep = (await Eventually.Until(() => fleet.ListPodsAsync("app=api"), p => p.Count == 1 && TestFleet.IsReady(p[0]), "one ready pod")).Single().Metadata.Name!;
        // Two more pods of a template that never gets ready while the test runs.
        await replicaSets.UpdateAsync("api", r =>
        {
            r.Spec!.Replicas = 3;
            r.Spec.Template!.Spec!.Containers![0].ReadinessProbe = Manifests.ReadyAfter(3600);
        });
        await Eventually.Until(
            async () => (await pods.ListAsync(new ListOptions { LabelSelector = "app=api" })).Items,
            p => p.Count == 3 && p.All(x => x.Status?.Phase == "Running"),
            "3 running pods");
        await Eventually.Until(() => replicaSets.GetAsync("api"), r => r.Status?.ReadyReplicas == 1 && r.Status.Replicas == 3, "one ready replica of three");

        await replicaSets.ScaleAsync("api", 1);

        var left = await Eventually.Until(
            async () => (await pods.ListAsync(new ListOptions { LabelSelector = "app=api" })).Items,
            p => p.Count == 1,
            "one pod left once the others finished terminating");
        Assert.Equal(keep, left[0].Metadata.Name);
    }

    [Fact]
    public async Task ReplicaSet_AdoptsMatchingOrphans_AndReleasesPodsItNoLongerSelects()
    {
        await using var fleet = await TestFleet.StartAsync();
        var pods = fleet.Client.Resource<Pod>("default");
        await pods.CreateAsync(Manifests.Pod("handmade", configure: p => p.Metadata.Labels = new Dictionary<string, string> { ["app"] = "cache" }));
        var replicaSets = fleet.Client.Resource<ReplicaSet>("default");
        var rs = await replicaSets.CreateAsync(Manifests.ReplicaSet("cache", 2));

        var owned = await Eventually.Until(
            async () => (await pods.ListAsync(new ListOptions { LabelSelector = "app=cache" })).Items,
            p => p.Count == 2 && p.All(x => x.Metadata.OwnerReferences?.Any(o => o.Uid == rs.Metadata.Uid) == true),
            "the orphan adopted and one pod created");
        Assert.Contains(owned, p => p.Metadata.Name == "handmade");

        await pods.PatchAsync("handmade", Patch.Merge(new { metadata = new { labels = new { app = "elsewhere" } } }));

        var released = await Eventually.Until(() => pods.GetAsync("handmade"), p => p.Metadata.OwnerReferences is null, "the relabelled pod released");
        Assert.Equal("elsewhere", released.Metadata.Labels!["app"]);
        await Eventually.Until(
            async () => (await pods.ListAsync(new ListOptions { LabelSelector = "app=cache" })).Items,
            p => p.Count == 2,
            "a replacement for the released pod");
    }

    [Fact]
    public async Task ReplicaSet_WithMinReadySeconds_CountsReadyPodsAsAvailableOnceTheyWaitedItOut()
    {
        await using var fleet = await TestFleet.StartAsync();
        var replicaSets = fleet.Client.Resource<ReplicaSet>("default");
        await replicaSets.CreateAsync(Manifests.ReplicaSet("slowpoke", 2, minReadySeconds: 1));

        var rs = await Eventually.Until(() => replicaSets.GetAsync("slowpoke"), r => r.Status?.AvailableReplicas == 2, "2 available replicas");

        Assert.Equal(2, rs.Status!.ReadyReplicas);
    }
}
